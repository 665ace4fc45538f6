// Python 3.11's random.Random, bit for bit: MT19937 seeded by init_by_array as
// _randommodule.c does, and the algorithms of Lib/random.py on top (randbelow by
// rejection of getrandbits, randrange, shuffle, sample, choices, uniform). One object per
// script-visible generator; not thread-safe (each object used by one thread at a time).
//
// Non-integer arguments: randrange/randint take ints only. For CPython's deprecated float
// arguments the caller converts an integral float (3.0) to int itself and raises
// ValueError "non-integer arg 1 for randrange()" (or "... stop ...", "... step ...") for
// others; the deprecation warning is not reproduced.
#pragma once

#include <script/support/big_int.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace script::support {

class Random {
public:
    Random();                                 // seeded from std::random_device (like seed(None))
    explicit Random(const BigInt& seed_value) { seed(seed_value); }

    void seed(const BigInt& n);               // seed(int): uses abs(n)
    void seed_str(std::string_view utf8);     // seed(str), version 2: int(str + sha512(str))
    void seed_bytes(std::string_view bytes);  // seed(bytes), version 2
    void seed_float(double x);                // seed(float): seeds with hash(x)
    void seed_from_entropy();                 // seed(None)

    double random();                          // [0.0, 1.0), 53 bits
    std::uint32_t next_uint32();              // genrand_uint32
    // getrandbits(k): ValueError "number of bits must be non-negative".
    BigInt getrandbits(std::int64_t k);
    // _randbelow(n) for n > 0 (n <= 0 gives 0 as random.py's _randbelow(0) does).
    BigInt randbelow(const BigInt& n);
    std::uint64_t randbelow(std::uint64_t n); // same stream, fast for n < 2**64 (n > 0)

    // randrange(stop) / randrange(start, stop[, step]) with 3.11's ValueErrors
    // "empty range for randrange()", "empty range for randrange() (5, 5, 0)",
    // "zero step for randrange()".
    BigInt randrange(const BigInt& stop);
    BigInt randrange(const BigInt& start, const BigInt& stop, const BigInt& step = BigInt(1));
    BigInt randint(const BigInt& a, const BigInt& b);   // randrange(a, b + 1)
    double uniform(double a, double b);                 // a + (b - a) * random()

    // choice(seq) for len(seq) == n: the index chosen. IndexError
    // "Cannot choose from an empty sequence".
    std::size_t choice_index(std::size_t n);
    // shuffle(x) with len(x) == n: the swaps (i, j) in the order random.shuffle does them.
    std::vector<std::pair<std::size_t, std::size_t>> shuffle_swaps(std::size_t n);
    template <class T> void shuffle(std::vector<T>& v)
    {
        for (auto [i, j] : shuffle_swaps(v.size())) std::swap(v[i], v[j]);
    }
    // sample(population, k) with len(population) == n: indices of the chosen items, in
    // order, same algorithm choice as random.sample. ValueError "Sample larger than
    // population or is negative".
    std::vector<std::size_t> sample(std::size_t n, std::int64_t k);
    // choices(population, k=k) with no weights, len(population) == n: indices. With n == 0
    // the indices are 0 and the caller's own indexing raises, as random.py's does.
    std::vector<std::size_t> choices(std::size_t n, std::int64_t k);
    // choices(population, cum_weights=cum, k=k): indices, by bisect as random.py does.
    // ValueError "Total of weights must be greater than zero" / "Total of weights must be finite";
    // IndexError "list index out of range" for an empty list. The caller checks
    // "The number of weights does not match the population" and accumulates weights.
    std::vector<std::size_t> choices_cumulative(const std::vector<double>& cum_weights, std::int64_t k);

    // gauss(mu, sigma): Box-Muller with the cached second value, as random.py.
    double gauss(double mu = 0.0, double sigma = 1.0);
    double normalvariate(double mu = 0.0, double sigma = 1.0);
    // expovariate(lambd): ZeroDivisionError "float division by zero" for lambd == 0.
    double expovariate(double lambd);
    // triangular(low, high, mode); no mode given means the midpoint.
    double triangular(double low = 0.0, double high = 1.0, std::optional<double> mode = std::nullopt);
    double lognormvariate(double mu, double sigma);     // exp(normalvariate(mu, sigma))
    double vonmisesvariate(double mu, double kappa);
    // gammavariate: ValueError "gammavariate: alpha and beta must be > 0.0".
    double gammavariate(double alpha, double beta);
    double betavariate(double alpha, double beta);      // two gammavariates, as random.py
    // paretovariate / weibullvariate: ZeroDivisionError "float division by zero" for a
    // zero alpha (beta); ZeroDivisionError from 0.0 ** negative as float.__pow__ raises.
    double paretovariate(double alpha);
    double weibullvariate(double alpha, double beta);

    // The 624-word state and position, for getstate()/setstate() if ever needed.
    std::array<std::uint32_t, 624> state_words() const { return mt_; }
    int state_index() const { return index_; }

private:
    void init_genrand(std::uint32_t s);
    void init_by_array(const std::vector<std::uint32_t>& key);

    std::array<std::uint32_t, 624> mt_{};
    int index_ = 625;
    std::optional<double> gauss_next_;  // reset by every seed, as random.py does
};

} // namespace script::support
