// The random module on support::Random (CPython's Mersenne Twister and algorithms):
// module-level functions share one generator; random.Random(seed) makes more.
#include <script/runtime/interpreter.hpp>

#include <script/runtime/ops.hpp>
#include <script/runtime/vm.hpp>
#include <script/support/random.hpp>

#include <cmath>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace script {

namespace {

using support::BigInt;

struct RandomObj : Instance {
    support::Random rng;
};

Type* random_type(Interpreter& in)
{
    static thread_local Interpreter* owner = nullptr;
    static thread_local Type* type = nullptr;
    if (owner != &in) {
        owner = &in;
        type = nullptr;
    }
    return type;
}

support::Random& rng_of(Interpreter& in, Args& a, std::size_t& first)
{
    // Module functions carry their generator in `data`; methods get it as self.
    if (a.fn && a.fn->data) {
        first = 0;
        return static_cast<RandomObj*>(a.fn->data.obj())->rng;
    }
    first = 1;
    if (a.size() == 0 || !dynamic_cast<RandomObj*>(a[0].is_obj() ? a[0].obj() : nullptr))
        in.raise(Exc::TypeError, "descriptor requires a 'random.Random' object");
    return static_cast<RandomObj*>(a[0].obj())->rng;
}

BigInt int_arg(Interpreter& in, const Value& v, const char* which, const char* fname)
{
    if (ops::is_int_like(v)) return ops::bigint_of(v);
    if (v.is_float()) {
        double d = v.as_float();
        if (std::floor(d) == d && std::isfinite(d)) return BigInt(d);
        in.raise(Exc::ValueError, std::string("non-integer arg ") + which + " for " + fname + "()");
    }
    in.raise(Exc::TypeError, "'" + ops::type_name(in, v) + "' object cannot be interpreted as an integer");
}

void do_seed(Interpreter& in, support::Random& r, const Value& v)
{
    if (!v || v.is_none()) r.seed_from_entropy();
    else if (ops::is_int_like(v)) r.seed(ops::bigint_of(v));
    else if (v.is_float()) r.seed_float(v.as_float());
    else if (ops::is_str(v)) r.seed_str(ops::str_of(v));
    else in.raise(Exc::TypeError, "The only supported seed types are: None, int, float, str, bytes, and bytearray.");
}

Value f_seed(Interpreter& in, Args& a)
{
    std::size_t i;
    auto& r = rng_of(in, a, i);
    do_seed(in, r, a.size() > i ? a[i] : a.kw("a"));
    return Value::none();
}

Value f_random(Interpreter& in, Args& a)
{
    std::size_t i;
    return Value::floating(rng_of(in, a, i).random());
}

Value f_uniform(Interpreter& in, Args& a)
{
    std::size_t i;
    auto& r = rng_of(in, a, i);
    if (a.size() < i + 2) in.raise(Exc::TypeError, "uniform() missing required arguments");
    return Value::floating(r.uniform(ops::to_double(in, a[i]), ops::to_double(in, a[i + 1])));
}

Value f_randint(Interpreter& in, Args& a)
{
    std::size_t i;
    auto& r = rng_of(in, a, i);
    if (a.size() < i + 2) in.raise(Exc::TypeError, "randint() missing 1 required positional argument: 'b'");
    return in.integer(r.randint(int_arg(in, a[i], "1", "randrange"), int_arg(in, a[i + 1], "2", "randrange")));
}

Value f_randrange(Interpreter& in, Args& a)
{
    std::size_t i;
    auto& r = rng_of(in, a, i);
    std::size_t n = a.size() - i;
    if (n == 1) return in.integer(r.randrange(int_arg(in, a[i], "1", "randrange")));
    if (n == 2) return in.integer(r.randrange(int_arg(in, a[i], "1", "randrange"), int_arg(in, a[i + 1], "2", "randrange")));
    if (n == 3)
        return in.integer(r.randrange(int_arg(in, a[i], "1", "randrange"), int_arg(in, a[i + 1], "2", "randrange"),
                                      int_arg(in, a[i + 2], "3", "randrange")));
    in.raise(Exc::TypeError, "randrange expected 1 to 3 arguments");
}

Value f_getrandbits(Interpreter& in, Args& a)
{
    std::size_t i;
    auto& r = rng_of(in, a, i);
    return in.integer(r.getrandbits(ops::to_index(in, a[i])));
}

Value f_choice(Interpreter& in, Args& a)
{
    std::size_t i;
    auto& r = rng_of(in, a, i);
    if (a.size() <= i) in.raise(Exc::TypeError, "choice() missing 1 required positional argument: 'seq'");
    auto n = static_cast<std::size_t>(ops::len(in, a[i]));
    std::size_t k = r.choice_index(n);
    return ops::getitem(in, a[i], Value::integer(static_cast<std::int64_t>(k)));
}

Value f_shuffle(Interpreter& in, Args& a)
{
    std::size_t i;
    auto& r = rng_of(in, a, i);
    if (a.size() <= i || in.type_of(a[i]) != in.t_list) in.raise(Exc::TypeError, "shuffle() argument must be a list");
    auto& items = a[i].as<List>()->items;
    for (auto [x, y] : r.shuffle_swaps(items.size())) std::swap(items[x], items[y]);
    return Value::none();
}

Value f_sample(Interpreter& in, Args& a)
{
    std::size_t i;
    auto& r = rng_of(in, a, i);
    if (a.size() < i + 1) in.raise(Exc::TypeError, "sample() missing required arguments");
    Value kv = a.size() > i + 1 ? a[i + 1] : a.kw("k");
    if (!kv) in.raise(Exc::TypeError, "sample() missing 1 required positional argument: 'k'");
    Type* t = in.type_of(a[i]);
    if (t == in.t_set || t == in.t_frozenset || t == in.t_dict)
        in.raise(Exc::TypeError, "Population must be a sequence.  For dicts or sets, use sorted(d).");
    std::vector<Value> out;
    if (t == in.t_range) {
        // sample(range(10**9), 3) picks by index, as CPython does, without building the range.
        const auto* rg = a[i].as<Range>();
        for (std::size_t k : r.sample(static_cast<std::size_t>(rg->length()), ops::to_index(in, kv)))
            out.push_back(Value::integer(rg->start + static_cast<std::int64_t>(k) * rg->step));
        return in.list(std::move(out));
    }
    auto pop = ops::to_vector(in, a[i]);
    for (std::size_t k : r.sample(pop.size(), ops::to_index(in, kv))) out.push_back(pop[k]);
    return in.list(std::move(out));
}

Value f_choices(Interpreter& in, Args& a)
{
    std::size_t i;
    auto& r = rng_of(in, a, i);
    auto pop = ops::to_vector(in, a[i]);
    Value kv = a.kw("k");
    std::int64_t k = kv ? ops::to_index(in, kv) : 1;
    Value weights = a.size() > i + 1 ? a[i + 1] : a.kw("weights");
    Value cum = a.kw("cum_weights");
    std::vector<std::size_t> idx;
    if ((weights && !weights.is_none()) || (cum && !cum.is_none())) {
        std::vector<double> c;
        if (cum && !cum.is_none()) {
            for (auto& w : ops::to_vector(in, cum)) c.push_back(ops::to_double(in, w));
        } else {
            double acc = 0;
            for (auto& w : ops::to_vector(in, weights)) c.push_back(acc += ops::to_double(in, w));
        }
        if (c.size() != pop.size()) in.raise(Exc::ValueError, "The number of weights does not match the population");
        idx = r.choices_cumulative(c, k);
    } else {
        idx = r.choices(pop.size(), k);
    }
    std::vector<Value> out;
    for (std::size_t j : idx) out.push_back(pop[j]);
    return in.list(std::move(out));
}

// The float distributions' parameters as Random.<name>(self, ...) binds them: positional
// first, then by keyword, then the defaults (NaN marks "required").
struct FloatParams {
    double v[3] = {0, 0, 0};
    bool given[3] = {false, false, false};
};

FloatParams float_params(Interpreter& in, Args& a, std::size_t first, const char* fname,
                         std::initializer_list<const char*> names, std::initializer_list<double> defaults)
{
    FloatParams out;
    const std::size_t np = names.size();
    const std::size_t nreq = np - defaults.size();
    const std::size_t npos = a.size() - first;
    const std::string qual = std::string("Random.") + fname + "()";
    if (npos > np) {
        std::string takes = nreq == np ? std::to_string(np + 1) : "from " + std::to_string(nreq + 1) + " to " + std::to_string(np + 1);
        in.raise(Exc::TypeError, qual + " takes " + takes + " positional arguments but " + std::to_string(npos + 1) + " were given");
    }
    std::vector<Value> vals(np);
    for (std::size_t k = 0; k < npos; ++k) vals[k] = a[first + k];
    for (std::size_t k = 0; k < a.nkw; ++k) {
        const std::string key = ops::str_of(a.kwnames[k]);
        std::size_t j = 0;
        while (j < np && key != names.begin()[j]) ++j;
        if (j == np) in.raise(Exc::TypeError, qual + " got an unexpected keyword argument '" + key + "'");
        if (vals[j]) in.raise(Exc::TypeError, qual + " got multiple values for argument '" + key + "'");
        vals[j] = a.kwvals[k];
    }
    std::vector<std::string> missing;
    for (std::size_t j = 0; j < np; ++j) {
        if (vals[j]) {
            if (!vals[j].is_none() || std::string_view(fname) != "triangular") {
                out.v[j] = ops::to_double(in, vals[j]);
                out.given[j] = true;
            }
        } else if (j >= nreq) {
            out.v[j] = defaults.begin()[j - nreq];
        } else {
            missing.push_back(names.begin()[j]);
        }
    }
    if (!missing.empty()) {
        std::string list;
        for (std::size_t j = 0; j < missing.size(); ++j) {
            if (j) list += missing.size() == 2 ? " and " : (j + 1 == missing.size() ? ", and " : ", ");
            list += "'" + missing[j] + "'";
        }
        in.raise(Exc::TypeError, qual + " missing " + std::to_string(missing.size()) + " required positional argument" +
                                     (missing.size() == 1 ? "" : "s") + ": " + list);
    }
    return out;
}

Value f_gauss(Interpreter& in, Args& a)
{
    std::size_t i;
    auto& r = rng_of(in, a, i);
    auto p = float_params(in, a, i, "gauss", {"mu", "sigma"}, {0.0, 1.0});
    return Value::floating(r.gauss(p.v[0], p.v[1]));
}

Value f_normalvariate(Interpreter& in, Args& a)
{
    std::size_t i;
    auto& r = rng_of(in, a, i);
    auto p = float_params(in, a, i, "normalvariate", {"mu", "sigma"}, {0.0, 1.0});
    return Value::floating(r.normalvariate(p.v[0], p.v[1]));
}

Value f_lognormvariate(Interpreter& in, Args& a)
{
    std::size_t i;
    auto& r = rng_of(in, a, i);
    auto p = float_params(in, a, i, "lognormvariate", {"mu", "sigma"}, {});
    return Value::floating(r.lognormvariate(p.v[0], p.v[1]));
}

Value f_expovariate(Interpreter& in, Args& a)
{
    std::size_t i;
    auto& r = rng_of(in, a, i);
    auto p = float_params(in, a, i, "expovariate", {"lambd"}, {});
    return Value::floating(r.expovariate(p.v[0]));
}

Value f_vonmisesvariate(Interpreter& in, Args& a)
{
    std::size_t i;
    auto& r = rng_of(in, a, i);
    auto p = float_params(in, a, i, "vonmisesvariate", {"mu", "kappa"}, {});
    return Value::floating(r.vonmisesvariate(p.v[0], p.v[1]));
}

Value f_gammavariate(Interpreter& in, Args& a)
{
    std::size_t i;
    auto& r = rng_of(in, a, i);
    auto p = float_params(in, a, i, "gammavariate", {"alpha", "beta"}, {});
    return Value::floating(r.gammavariate(p.v[0], p.v[1]));
}

Value f_betavariate(Interpreter& in, Args& a)
{
    std::size_t i;
    auto& r = rng_of(in, a, i);
    auto p = float_params(in, a, i, "betavariate", {"alpha", "beta"}, {});
    return Value::floating(r.betavariate(p.v[0], p.v[1]));
}

Value f_paretovariate(Interpreter& in, Args& a)
{
    std::size_t i;
    auto& r = rng_of(in, a, i);
    auto p = float_params(in, a, i, "paretovariate", {"alpha"}, {});
    return Value::floating(r.paretovariate(p.v[0]));
}

Value f_weibullvariate(Interpreter& in, Args& a)
{
    std::size_t i;
    auto& r = rng_of(in, a, i);
    auto p = float_params(in, a, i, "weibullvariate", {"alpha", "beta"}, {});
    return Value::floating(r.weibullvariate(p.v[0], p.v[1]));
}

Value f_triangular(Interpreter& in, Args& a)
{
    std::size_t i;
    auto& r = rng_of(in, a, i);
    auto p = float_params(in, a, i, "triangular", {"low", "high", "mode"}, {0.0, 1.0, 0.0});
    std::optional<double> mode;
    if (p.given[2]) mode = p.v[2];
    if (mode && p.v[1] - p.v[0] == 0.0) {
        // random.py returns `low` itself (an int stays an int) when the division fails.
        r.random();
        Value low = a.size() > i ? a[i] : a.kw("low");
        return low ? low : Value::floating(0.0);
    }
    return Value::floating(r.triangular(p.v[0], p.v[1], mode));
}

Value make_random_obj(Interpreter& in, Type* t, const Value& seed)
{
    auto* o = in.heap().make<RandomObj>(t);
    Value v(o);
    do_seed(in, o->rng, seed);
    return v;
}

Value c_random(Interpreter& in, Args& a)
{
    return make_random_obj(in, a[0].as<Type>(), a.size() > 1 ? a[1] : Value());
}

struct Fn {
    const char* name;
    NativeFnPtr fn;
};
const Fn random_fns[] = {
    {"seed", f_seed}, {"random", f_random}, {"uniform", f_uniform}, {"randint", f_randint},
    {"randrange", f_randrange}, {"getrandbits", f_getrandbits}, {"choice", f_choice}, {"shuffle", f_shuffle},
    {"sample", f_sample}, {"choices", f_choices}, {"gauss", f_gauss}, {"normalvariate", f_normalvariate},
    {"lognormvariate", f_lognormvariate}, {"expovariate", f_expovariate}, {"vonmisesvariate", f_vonmisesvariate},
    {"gammavariate", f_gammavariate}, {"betavariate", f_betavariate}, {"paretovariate", f_paretovariate},
    {"weibullvariate", f_weibullvariate}, {"triangular", f_triangular},
};

}  // namespace

Value make_random_module(Interpreter& in)
{
    (void)random_type;
    Value m = make_module(in, "random");
    Type* t = in.new_type("Random", in.t_object, Layout::Instance, true);
    t->module = "random";
    t->qualname = "Random";
    t->construct = c_random;
    for (auto& f : random_fns) in.add_method(t, f.name, f.fn);
    module_set(in, m, "Random", Value(t));
    Value shared = make_random_obj(in, t, Value());
    for (auto& f : random_fns) module_add(in, m, f.name, f.fn, shared);
    return m;
}

}  // namespace script
