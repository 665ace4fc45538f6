#include <script/support/random.hpp>

#include <script/support/float_format.hpp>
#include <script/support/sha512.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <numbers>
#include <random>
#include <unordered_set>

namespace script::support {

namespace {

constexpr int mt_n = 624;
constexpr int mt_m = 397;
constexpr std::uint32_t matrix_a = 0x9908b0dfU;
constexpr std::uint32_t upper_mask = 0x80000000U;
constexpr std::uint32_t lower_mask = 0x7fffffffU;

} // namespace

Random::Random()
{
    seed_from_entropy();
}

void Random::init_genrand(std::uint32_t s)
{
    mt_[0] = s;
    for (int i = 1; i < mt_n; ++i) {
        const std::uint32_t prev = mt_[static_cast<std::size_t>(i - 1)];
        mt_[static_cast<std::size_t>(i)] = 1812433253U * (prev ^ (prev >> 30)) + static_cast<std::uint32_t>(i);
    }
    index_ = mt_n;
}

void Random::init_by_array(const std::vector<std::uint32_t>& key)
{
    init_genrand(19650218U);
    std::size_t i = 1, j = 0;
    const std::size_t len = key.size();
    for (std::size_t k = std::max<std::size_t>(mt_n, len); k; --k) {
        const std::uint32_t prev = mt_[i - 1];
        mt_[i] = (mt_[i] ^ ((prev ^ (prev >> 30)) * 1664525U)) + key[j] + static_cast<std::uint32_t>(j);
        ++i;
        ++j;
        if (i >= mt_n) {
            mt_[0] = mt_[mt_n - 1];
            i = 1;
        }
        if (j >= len) j = 0;
    }
    for (std::size_t k = mt_n - 1; k; --k) {
        const std::uint32_t prev = mt_[i - 1];
        mt_[i] = (mt_[i] ^ ((prev ^ (prev >> 30)) * 1566083941U)) - static_cast<std::uint32_t>(i);
        ++i;
        if (i >= mt_n) {
            mt_[0] = mt_[mt_n - 1];
            i = 1;
        }
    }
    mt_[0] = 0x80000000U;
}

void Random::seed(const BigInt& n)
{
    gauss_next_.reset();
    std::vector<std::uint32_t> key = n.abs().limbs();
    if (key.empty()) key.push_back(0);
    init_by_array(key);
}

void Random::seed_bytes(std::string_view bytes)
{
    // int.from_bytes(a + sha512(a).digest()), big-endian.
    std::string all(bytes);
    const Sha512Digest digest = sha512(bytes);
    all.append(reinterpret_cast<const char*>(digest.data()), digest.size());
    std::vector<std::uint32_t> limbs((all.size() + 3) / 4, 0);
    for (std::size_t k = 0; k < all.size(); ++k) {
        const std::size_t bit_pos = (all.size() - 1 - k) * 8;  // byte k counted from the most significant
        limbs[bit_pos / 32] |= static_cast<std::uint32_t>(static_cast<unsigned char>(all[k])) << (bit_pos % 32);
    }
    seed(BigInt::from_limbs(std::move(limbs), false));
}

void Random::seed_str(std::string_view utf8)
{
    seed_bytes(utf8);
}

void Random::seed_float(double x)
{
    // _random.seed hashes non-ints and uses the hash as an unsigned size_t.
    seed(BigInt::from_uint64(static_cast<std::uint64_t>(float_hash(x))));
}

void Random::seed_from_entropy()
{
    std::random_device device;
    std::vector<std::uint32_t> key(mt_n);
    for (auto& k : key) k = device();
    gauss_next_.reset();
    init_by_array(key);
}

std::uint32_t Random::next_uint32()
{
    static constexpr std::uint32_t mag01[2] = {0U, matrix_a};
    if (index_ >= mt_n) {
        int kk = 0;
        for (; kk < mt_n - mt_m; ++kk) {
            const std::uint32_t y = (mt_[static_cast<std::size_t>(kk)] & upper_mask) | (mt_[static_cast<std::size_t>(kk + 1)] & lower_mask);
            mt_[static_cast<std::size_t>(kk)] = mt_[static_cast<std::size_t>(kk + mt_m)] ^ (y >> 1) ^ mag01[y & 1U];
        }
        for (; kk < mt_n - 1; ++kk) {
            const std::uint32_t y = (mt_[static_cast<std::size_t>(kk)] & upper_mask) | (mt_[static_cast<std::size_t>(kk + 1)] & lower_mask);
            mt_[static_cast<std::size_t>(kk)] = mt_[static_cast<std::size_t>(kk + (mt_m - mt_n))] ^ (y >> 1) ^ mag01[y & 1U];
        }
        const std::uint32_t y = (mt_[mt_n - 1] & upper_mask) | (mt_[0] & lower_mask);
        mt_[mt_n - 1] = mt_[mt_m - 1] ^ (y >> 1) ^ mag01[y & 1U];
        index_ = 0;
    }
    std::uint32_t y = mt_[static_cast<std::size_t>(index_++)];
    y ^= (y >> 11);
    y ^= (y << 7) & 0x9d2c5680U;
    y ^= (y << 15) & 0xefc60000U;
    y ^= (y >> 18);
    return y;
}

double Random::random()
{
    const std::uint32_t a = next_uint32() >> 5, b = next_uint32() >> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

BigInt Random::getrandbits(std::int64_t k)
{
    if (k < 0) throw PyError("ValueError", "number of bits must be non-negative");
    if (k == 0) return BigInt(0);
    if (k <= 32) return BigInt(static_cast<long long>(next_uint32() >> (32 - k)));
    const std::int64_t words = (k - 1) / 32 + 1;
    std::vector<std::uint32_t> limbs(static_cast<std::size_t>(words));
    for (std::int64_t i = 0; i < words; ++i, k -= 32) {
        std::uint32_t r = next_uint32();
        if (k < 32) r >>= (32 - k);
        limbs[static_cast<std::size_t>(i)] = r;
    }
    return BigInt::from_limbs(std::move(limbs), false);
}

BigInt Random::randbelow(const BigInt& n)
{
    if (n.sign() <= 0) return BigInt(0);
    if (n.bit_length() <= 64) {
        std::uint64_t v = n.limbs()[0];
        if (n.limbs().size() > 1) v |= std::uint64_t{n.limbs()[1]} << 32;
        return BigInt::from_uint64(randbelow(v));
    }
    const std::int64_t k = n.bit_length();
    BigInt r = getrandbits(k);
    while (r >= n) r = getrandbits(k);
    return r;
}

std::uint64_t Random::randbelow(std::uint64_t n)
{
    if (n == 0) return 0;
    const int k = 64 - std::countl_zero(n);
    auto draw = [&]() -> std::uint64_t {
        if (k <= 32) return next_uint32() >> (32 - k);
        const std::uint64_t lo = next_uint32();
        std::uint64_t hi = next_uint32();
        hi >>= (64 - k);
        return lo | (hi << 32);
    };
    std::uint64_t r = draw();
    while (r >= n) r = draw();
    return r;
}

BigInt Random::randrange(const BigInt& stop)
{
    if (stop.sign() > 0) return randbelow(stop);
    throw PyError("ValueError", "empty range for randrange()");
}

BigInt Random::randrange(const BigInt& start, const BigInt& stop, const BigInt& step)
{
    const BigInt width = stop - start;
    if (step == BigInt(1)) {
        if (width.sign() > 0) return start + randbelow(width);
        throw PyError("ValueError", "empty range for randrange() (" + start.to_string(10, 0) + ", " +
                                        stop.to_string(10, 0) + ", " + width.to_string(10, 0) + ")");
    }
    BigInt n;
    if (step.sign() > 0) n = (width + step - BigInt(1)).floor_div(step);
    else if (step.sign() < 0) n = (width + step + BigInt(1)).floor_div(step);
    else throw PyError("ValueError", "zero step for randrange()");
    if (n.sign() <= 0) throw PyError("ValueError", "empty range for randrange()");
    return start + step * randbelow(n);
}

BigInt Random::randint(const BigInt& a, const BigInt& b)
{
    return randrange(a, b + BigInt(1));
}

double Random::uniform(double a, double b)
{
    return a + (b - a) * random();
}

std::size_t Random::choice_index(std::size_t n)
{
    if (n == 0) throw PyError("IndexError", "Cannot choose from an empty sequence");
    return static_cast<std::size_t>(randbelow(static_cast<std::uint64_t>(n)));
}

std::vector<std::pair<std::size_t, std::size_t>> Random::shuffle_swaps(std::size_t n)
{
    std::vector<std::pair<std::size_t, std::size_t>> swaps;
    for (std::size_t i = n; i-- > 1;) {
        swaps.emplace_back(i, static_cast<std::size_t>(randbelow(static_cast<std::uint64_t>(i + 1))));
    }
    return swaps;
}

std::vector<std::size_t> Random::sample(std::size_t n, std::int64_t k)
{
    if (k < 0 || static_cast<std::uint64_t>(k) > n) {
        throw PyError("ValueError", "Sample larger than population or is negative");
    }
    const auto kk = static_cast<std::size_t>(k);
    std::vector<std::size_t> result(kk);
    // random.py's choice between a pool list and a set of selections, by its own size estimate.
    double setsize = 21;
    if (kk > 5) setsize += std::pow(4.0, std::ceil(std::log(static_cast<double>(kk * 3)) / std::log(4.0)));
    if (static_cast<double>(n) <= setsize) {
        std::vector<std::size_t> pool(n);
        for (std::size_t i = 0; i < n; ++i) pool[i] = i;
        for (std::size_t i = 0; i < kk; ++i) {
            const auto j = static_cast<std::size_t>(randbelow(static_cast<std::uint64_t>(n - i)));
            result[i] = pool[j];
            pool[j] = pool[n - i - 1];
        }
    } else {
        std::unordered_set<std::size_t> selected;
        for (std::size_t i = 0; i < kk; ++i) {
            auto j = static_cast<std::size_t>(randbelow(static_cast<std::uint64_t>(n)));
            while (selected.count(j)) j = static_cast<std::size_t>(randbelow(static_cast<std::uint64_t>(n)));
            selected.insert(j);
            result[i] = j;
        }
    }
    return result;
}

std::vector<std::size_t> Random::choices(std::size_t n, std::int64_t k)
{
    std::vector<std::size_t> out;
    const double nf = static_cast<double>(n);
    for (std::int64_t i = 0; i < k; ++i) out.push_back(static_cast<std::size_t>(std::floor(random() * nf)));
    return out;
}

std::vector<std::size_t> Random::choices_cumulative(const std::vector<double>& cum_weights, std::int64_t k)
{
    if (cum_weights.empty()) throw PyError("IndexError", "list index out of range");
    const double total = cum_weights.back() + 0.0;
    if (total <= 0.0) throw PyError("ValueError", "Total of weights must be greater than zero");
    if (!std::isfinite(total)) throw PyError("ValueError", "Total of weights must be finite");
    const std::size_t hi = cum_weights.size() - 1;
    std::vector<std::size_t> out;
    for (std::int64_t i = 0; i < k; ++i) {
        const double x = random() * total;
        auto it = std::upper_bound(cum_weights.begin(), cum_weights.begin() + static_cast<std::ptrdiff_t>(hi), x);
        out.push_back(static_cast<std::size_t>(it - cum_weights.begin()));
    }
    return out;
}

double Random::gauss(double mu, double sigma)
{
    double z;
    if (gauss_next_) {
        z = *gauss_next_;
        gauss_next_.reset();
    } else {
        const double x2pi = random() * (2.0 * std::numbers::pi);
        const double g2rad = std::sqrt(-2.0 * std::log(1.0 - random()));
        z = std::cos(x2pi) * g2rad;
        gauss_next_ = std::sin(x2pi) * g2rad;
    }
    return mu + z * sigma;
}

double Random::normalvariate(double mu, double sigma)
{
    const double nv_magicconst = 4 * std::exp(-0.5) / std::sqrt(2.0);
    double z;
    while (true) {
        const double u1 = random();
        const double u2 = 1.0 - random();
        z = nv_magicconst * (u1 - 0.5) / u2;
        const double zz = z * z / 4.0;
        if (zz <= -std::log(u2)) break;
    }
    return mu + z * sigma;
}

double Random::expovariate(double lambd)
{
    const double x = -std::log(1.0 - random());
    return float_true_divide(x, lambd);
}

double Random::triangular(double low, double high, std::optional<double> mode)
{
    double u = random();
    double c = 0.5;
    if (mode) {
        if (high - low == 0.0) return low;
        c = (*mode - low) / (high - low);
    }
    if (u > c) {
        u = 1.0 - u;
        c = 1.0 - c;
        std::swap(low, high);
    }
    return low + (high - low) * std::sqrt(u * c);
}

namespace {

// float.__pow__ for the cases random.py reaches: a finite non-negative base.
double py_pow(double x, double y)
{
    if (x == 0.0 && y < 0.0) throw PyError("ZeroDivisionError", "0.0 cannot be raised to a negative power");
    return std::pow(x, y);
}

// float.__mod__: the result takes the divisor's sign.
double py_mod(double x, double y)
{
    double m = std::fmod(x, y);
    if (m != 0.0) {
        if ((y < 0) != (m < 0)) m += y;
    } else {
        m = std::copysign(0.0, y);
    }
    return m;
}

} // namespace

double Random::lognormvariate(double mu, double sigma)
{
    return std::exp(normalvariate(mu, sigma));
}

double Random::vonmisesvariate(double mu, double kappa)
{
    constexpr double twopi = 2.0 * std::numbers::pi;
    if (kappa <= 1e-6) return twopi * random();
    const double s = 0.5 / kappa;
    const double r = s + std::sqrt(1.0 + s * s);
    double z;
    while (true) {
        const double u1 = random();
        z = std::cos(std::numbers::pi * u1);
        const double d = z / (r + z);
        const double u2 = random();
        if (u2 < 1.0 - d * d || u2 <= (1.0 - d) * std::exp(d)) break;
    }
    const double q = 1.0 / r;
    const double f = (q + z) / (1.0 + q * z);
    const double u3 = random();
    if (u3 > 0.5) return py_mod(mu + std::acos(f), twopi);
    return py_mod(mu - std::acos(f), twopi);
}

double Random::gammavariate(double alpha, double beta)
{
    if (alpha <= 0.0 || beta <= 0.0) throw PyError("ValueError", "gammavariate: alpha and beta must be > 0.0");
    if (alpha > 1.0) {
        const double log4 = std::log(4.0);
        const double sg_magicconst = 1.0 + std::log(4.5);
        const double ainv = std::sqrt(2.0 * alpha - 1.0);
        const double bbb = alpha - log4;
        const double ccc = alpha + ainv;
        while (true) {
            const double u1 = random();
            if (!(1e-7 < u1 && u1 < 0.9999999)) continue;
            const double u2 = 1.0 - random();
            const double v = std::log(u1 / (1.0 - u1)) / ainv;
            const double x = alpha * std::exp(v);
            const double z = u1 * u1 * u2;
            const double r = bbb + ccc * v - x;
            if (r + sg_magicconst - 4.5 * z >= 0.0 || r >= std::log(z)) return x * beta;
        }
    }
    if (alpha == 1.0) return -std::log(1.0 - random()) * beta;
    constexpr double e = std::numbers::e;
    double x;
    while (true) {
        const double u = random();
        const double b = (e + alpha) / e;
        const double p = b * u;
        if (p <= 1.0) x = py_pow(p, 1.0 / alpha);
        else x = -std::log((b - p) / alpha);
        const double u1 = random();
        if (p > 1.0) {
            if (u1 <= py_pow(x, alpha - 1.0)) break;
        } else if (u1 <= std::exp(-x)) {
            break;
        }
    }
    return x * beta;
}

double Random::betavariate(double alpha, double beta)
{
    const double y = gammavariate(alpha, 1.0);
    if (y != 0.0) return y / (y + gammavariate(beta, 1.0));
    return 0.0;
}

double Random::paretovariate(double alpha)
{
    const double u = 1.0 - random();
    return py_pow(u, float_true_divide(-1.0, alpha));
}

double Random::weibullvariate(double alpha, double beta)
{
    const double u = 1.0 - random();
    return alpha * py_pow(-std::log(u), float_true_divide(1.0, beta));
}

} // namespace script::support
