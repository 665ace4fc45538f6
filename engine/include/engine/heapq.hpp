// Python's heapq push/pop, step for step, so a PriorityQueue hands out items
// with equal priority in exactly CPython's order. Uses only operator<.
#pragma once

#include <type_traits>
#include <utility>
#include <vector>

namespace aio::heapq {

// a < b. For (priority, payload) pairs of numbers, the usual PriorityQueue item,
// the same answer as pair's operator< without branches: a pop compares the two
// children at every level of the heap, and on random priorities a branch there
// is mispredicted half the time.
template <class T>
bool less(const T& a, const T& b)
{
    return a < b;
}
template <class A, class B>
    requires std::is_arithmetic_v<A> && std::is_arithmetic_v<B>
bool less(const std::pair<A, B>& a, const std::pair<A, B>& b)
{
    return (a.first < b.first) | ((a.first == b.first) & (a.second < b.second));
}

template <class T, class A>
void sift_down(std::vector<T, A>& heap, std::size_t start, std::size_t pos)
{
    T item = std::move(heap[pos]);
    while (pos > start) {
        const std::size_t parent = (pos - 1) >> 1;
        if (less(item, heap[parent])) {
            heap[pos] = std::move(heap[parent]);
            pos = parent;
            continue;
        }
        break;
    }
    heap[pos] = std::move(item);
}

template <class T, class A>
void sift_up(std::vector<T, A>& heap, std::size_t pos)
{
    const std::size_t end = heap.size();
    const std::size_t start = pos;
    T* const h = heap.data();
    T item = std::move(h[pos]);
    std::size_t child = 2 * pos + 1;
    while (child + 1 < end) {
        child += std::size_t(!less(h[child], h[child + 1]));  // the right child unless the left is smaller
        h[pos] = std::move(h[child]);
        pos = child;
        child = 2 * pos + 1;
    }
    if (child < end) {  // a last left child with no right sibling
        h[pos] = std::move(h[child]);
        pos = child;
    }
    h[pos] = std::move(item);
    sift_down(heap, start, pos);
}

template <class T, class A>
void push(std::vector<T, A>& heap, T item)
{
    heap.push_back(std::move(item));
    sift_down(heap, 0, heap.size() - 1);
}

template <class T, class A>
T pop(std::vector<T, A>& heap)
{
    T last = std::move(heap.back());
    heap.pop_back();
    if (heap.empty())
        return last;
    T top = std::move(heap.front());
    heap.front() = std::move(last);
    sift_up(heap, 0);
    return top;
}

}  // namespace aio::heapq
