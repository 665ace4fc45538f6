// Python's heapq push/pop, step for step, so a PriorityQueue hands out items
// with equal priority in exactly CPython's order. Uses only operator<.
#pragma once

#include <utility>
#include <vector>

namespace aio::heapq {

template <class T>
void sift_down(std::vector<T>& heap, std::size_t start, std::size_t pos)
{
    T item = std::move(heap[pos]);
    while (pos > start) {
        const std::size_t parent = (pos - 1) >> 1;
        if (item < heap[parent]) {
            heap[pos] = std::move(heap[parent]);
            pos = parent;
            continue;
        }
        break;
    }
    heap[pos] = std::move(item);
}

template <class T>
void sift_up(std::vector<T>& heap, std::size_t pos)
{
    const std::size_t end = heap.size();
    const std::size_t start = pos;
    T item = std::move(heap[pos]);
    std::size_t child = 2 * pos + 1;
    while (child < end) {
        const std::size_t right = child + 1;
        if (right < end && !(heap[child] < heap[right]))
            child = right;
        heap[pos] = std::move(heap[child]);
        pos = child;
        child = 2 * pos + 1;
    }
    heap[pos] = std::move(item);
    sift_down(heap, start, pos);
}

template <class T>
void push(std::vector<T>& heap, T item)
{
    heap.push_back(std::move(item));
    sift_down(heap, 0, heap.size() - 1);
}

template <class T>
T pop(std::vector<T>& heap)
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
