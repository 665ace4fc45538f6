// datetime: datetime.now() from the Host's wall clock (local time), the fields, str(),
// isoformat(), strftime() basics, timestamp(), and timedelta from subtraction.
#include <script/runtime/interpreter.hpp>

#include <script/runtime/ops.hpp>
#include <script/runtime/vm.hpp>

#include <cmath>
#include <cstdio>
#include <ctime>

namespace script {

namespace {

// Naive local date-time as microseconds since 0001-01-01 would overflow nothing in int64.
struct DateTimeObj : Instance {
    std::int64_t days = 0;   // days since 1970-01-01 (proleptic Gregorian)
    std::int64_t micros = 0; // microseconds into the day
    double timestamp = 0;    // POSIX time it came from
};

struct TimeDeltaObj : Instance {
    std::int64_t micros = 0;
};

struct Types {
    Type* datetime;
    Type* timedelta;
};

void civil_from_days(std::int64_t z, int& y, int& m, int& d)
{
    z += 719468;
    std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    auto doe = static_cast<unsigned>(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    std::int64_t yy = static_cast<std::int64_t>(yoe) + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y = static_cast<int>(yy + (m <= 2));
}

Types& types_for(Interpreter& in)
{
    static thread_local Interpreter* owner = nullptr;
    static thread_local Types t{};
    if (owner != &in) {
        owner = &in;
        t = Types{nullptr, nullptr};
    }
    return t;
}

DateTimeObj* DT(Interpreter& in, const Value& v)
{
    auto* d = v.is_obj() ? dynamic_cast<DateTimeObj*>(v.obj()) : nullptr;
    if (!d) in.raise(Exc::TypeError, "a datetime.datetime object is required");
    return d;
}

Value dt_now(Interpreter& in, Args&)
{
    double now = in.host().wall_time();
    auto secs = static_cast<std::time_t>(std::floor(now));
    std::tm tm{};
    localtime_r(&secs, &tm);
    auto* d = in.heap().make<DateTimeObj>(types_for(in).datetime);
    Value v(d);
    // days from civil
    int y = tm.tm_year + 1900, m = tm.tm_mon + 1, day = tm.tm_mday;
    y -= m <= 2;
    std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    auto yoe = static_cast<unsigned>(y - era * 400);
    unsigned doy = static_cast<unsigned>((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + day - 1);
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    d->days = era * 146097 + static_cast<std::int64_t>(doe) - 719468;
    auto us = static_cast<std::int64_t>(std::llround((now - std::floor(now)) * 1e6));
    if (us >= 1000000) us = 999999;
    d->micros = (static_cast<std::int64_t>(tm.tm_hour) * 3600 + tm.tm_min * 60 + tm.tm_sec) * 1000000 + us;
    d->timestamp = now;
    return v;
}

void fields(const DateTimeObj* d, int& y, int& mo, int& day, int& h, int& mi, int& s, int& us)
{
    civil_from_days(d->days, y, mo, day);
    std::int64_t t = d->micros;
    us = static_cast<int>(t % 1000000);
    t /= 1000000;
    s = static_cast<int>(t % 60);
    mi = static_cast<int>((t / 60) % 60);
    h = static_cast<int>(t / 3600);
}

std::string iso(const DateTimeObj* d, char sep)
{
    int y, mo, day, h, mi, s, us;
    fields(d, y, mo, day, h, mi, s, us);
    char buf[64];
    if (us) std::snprintf(buf, sizeof buf, "%04d-%02d-%02d%c%02d:%02d:%02d.%06d", y, mo, day, sep, h, mi, s, us);
    else std::snprintf(buf, sizeof buf, "%04d-%02d-%02d%c%02d:%02d:%02d", y, mo, day, sep, h, mi, s);
    return buf;
}

Value dt_str(Interpreter& in, Args& a) { return in.str(iso(DT(in, a[0]), ' ')); }
Value dt_isoformat(Interpreter& in, Args& a)
{
    char sep = 'T';
    if (a.size() > 1 && ops::is_str(a[1]) && !ops::str_of(a[1]).empty()) sep = ops::str_of(a[1])[0];
    return in.str(iso(DT(in, a[0]), sep));
}
Value dt_repr(Interpreter& in, Args& a)
{
    int y, mo, day, h, mi, s, us;
    fields(DT(in, a[0]), y, mo, day, h, mi, s, us);
    std::string r = "datetime.datetime(" + std::to_string(y) + ", " + std::to_string(mo) + ", " + std::to_string(day) + ", " +
                    std::to_string(h) + ", " + std::to_string(mi);
    if (s || us) r += ", " + std::to_string(s);
    if (us) r += ", " + std::to_string(us);
    return in.str(r + ")");
}

Value dt_strftime(Interpreter& in, Args& a)
{
    auto* d = DT(in, a[0]);
    if (a.size() != 2 || !ops::is_str(a[1])) in.raise(Exc::TypeError, "strftime() argument 1 must be str");
    int y, mo, day, h, mi, s, us;
    fields(d, y, mo, day, h, mi, s, us);
    static const char* wd_full[] = {"Thursday", "Friday", "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday"};
    static const char* mon_full[] = {"January", "February", "March", "April", "May", "June", "July", "August",
                                     "September", "October", "November", "December"};
    std::int64_t wd = ((d->days % 7) + 7) % 7;
    const std::string& f = ops::str_of(a[1]);
    std::string out;
    char buf[32];
    for (std::size_t i = 0; i < f.size(); ++i) {
        if (f[i] != '%' || i + 1 == f.size()) {
            out += f[i];
            continue;
        }
        char c = f[++i];
        switch (c) {
        case 'Y': std::snprintf(buf, sizeof buf, "%04d", y); out += buf; break;
        case 'y': std::snprintf(buf, sizeof buf, "%02d", y % 100); out += buf; break;
        case 'm': std::snprintf(buf, sizeof buf, "%02d", mo); out += buf; break;
        case 'd': std::snprintf(buf, sizeof buf, "%02d", day); out += buf; break;
        case 'H': std::snprintf(buf, sizeof buf, "%02d", h); out += buf; break;
        case 'I': std::snprintf(buf, sizeof buf, "%02d", h % 12 == 0 ? 12 : h % 12); out += buf; break;
        case 'M': std::snprintf(buf, sizeof buf, "%02d", mi); out += buf; break;
        case 'S': std::snprintf(buf, sizeof buf, "%02d", s); out += buf; break;
        case 'f': std::snprintf(buf, sizeof buf, "%06d", us); out += buf; break;
        case 'p': out += h < 12 ? "AM" : "PM"; break;
        case 'A': out += wd_full[wd]; break;
        case 'a': out += std::string(wd_full[wd]).substr(0, 3); break;
        case 'B': out += mon_full[mo - 1]; break;
        case 'b': out += std::string(mon_full[mo - 1]).substr(0, 3); break;
        case '%': out += '%'; break;
        default: out += '%'; out += c;
        }
    }
    return in.str(out);
}

Value dt_timestamp(Interpreter& in, Args& a) { return Value::floating(DT(in, a[0])->timestamp); }

Value dt_getattr(Interpreter& in, Args& a)
{
    auto* d = DT(in, a[0]);
    const std::string& n = ops::str_of(a[1]);
    int y, mo, day, h, mi, s, us;
    fields(d, y, mo, day, h, mi, s, us);
    if (n == "year") return Value::integer(y);
    if (n == "month") return Value::integer(mo);
    if (n == "day") return Value::integer(day);
    if (n == "hour") return Value::integer(h);
    if (n == "minute") return Value::integer(mi);
    if (n == "second") return Value::integer(s);
    if (n == "microsecond") return Value::integer(us);
    in.raise(Exc::AttributeError, "'datetime.datetime' object has no attribute '" + n + "'");
}

Value make_delta(Interpreter& in, std::int64_t micros)
{
    auto* t = in.heap().make<TimeDeltaObj>(types_for(in).timedelta);
    t->micros = micros;
    return Value(t);
}

Value dt_sub(Interpreter& in, Args& a)
{
    auto* x = DT(in, a[0]);
    if (!a[1].is_obj() || !dynamic_cast<DateTimeObj*>(a[1].obj())) return in.not_implemented;
    auto* y = DT(in, a[1]);
    return make_delta(in, (x->days - y->days) * 86400000000LL + (x->micros - y->micros));
}

Value td_construct(Interpreter& in, Args& a)
{
    static const char* names[] = {"days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"};
    static const double scale[] = {86400e6, 1e6, 1, 1e3, 60e6, 3600e6, 604800e6};
    double total = 0;
    for (std::size_t i = 1; i < a.size() && i <= 7; ++i) total += ops::to_double(in, a[i]) * scale[i - 1];
    for (int i = 0; i < 7; ++i)
        if (Value v = a.kw(names[i])) total += ops::to_double(in, v) * scale[i];
    return make_delta(in, static_cast<std::int64_t>(std::llround(total)));
}

TimeDeltaObj* TD(const Value& v) { return static_cast<TimeDeltaObj*>(v.obj()); }

Value td_total_seconds(Interpreter&, Args& a) { return Value::floating(static_cast<double>(TD(a[0])->micros) / 1e6); }

Value td_str(Interpreter& in, Args& a)
{
    std::int64_t us = TD(a[0])->micros;
    std::int64_t days = us >= 0 ? us / 86400000000LL : -((-us + 86400000000LL - 1) / 86400000000LL);
    std::int64_t rest = us - days * 86400000000LL;
    std::int64_t secs = rest / 1000000, frac = rest % 1000000;
    char buf[64];
    std::string r;
    if (days) r = std::to_string(days) + (days == 1 || days == -1 ? " day, " : " days, ");
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", static_cast<long long>(secs / 3600), static_cast<long long>((secs / 60) % 60),
                  static_cast<long long>(secs % 60));
    r += buf;
    if (frac) {
        std::snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(frac));
        r += buf;
    }
    return in.str(r);
}

Value td_getattr(Interpreter& in, Args& a)
{
    std::int64_t us = TD(a[0])->micros;
    std::int64_t days = us >= 0 ? us / 86400000000LL : -((-us + 86400000000LL - 1) / 86400000000LL);
    std::int64_t rest = us - days * 86400000000LL;
    const std::string& n = ops::str_of(a[1]);
    if (n == "days") return Value::integer(days);
    if (n == "seconds") return Value::integer(rest / 1000000);
    if (n == "microseconds") return Value::integer(rest % 1000000);
    in.raise(Exc::AttributeError, "'datetime.timedelta' object has no attribute '" + n + "'");
}

}  // namespace

Value make_datetime_module(Interpreter& in)
{
    Value m = make_module(in, "datetime");
    Types& t = types_for(in);
    t.datetime = in.new_type("datetime", in.t_object, Layout::Instance, false);
    t.datetime->module = "datetime";
    t.datetime->has_getattr = true;
    t.timedelta = in.new_type("timedelta", in.t_object, Layout::Instance, false);
    t.timedelta->module = "datetime";
    t.timedelta->has_getattr = true;
    t.timedelta->construct = td_construct;
    Value now = in.native("now", dt_now, Value(), true);
    now.as<NativeFn>()->is_classmethod = true;
    ops::dict_set(in, t.datetime->dict, in.intern("now"), now);
    Value today = in.native("today", dt_now, Value(), true);
    today.as<NativeFn>()->is_classmethod = true;
    ops::dict_set(in, t.datetime->dict, in.intern("today"), today);
    in.add_method(t.datetime, "__str__", dt_str);
    in.add_method(t.datetime, "__repr__", dt_repr);
    in.add_method(t.datetime, "isoformat", dt_isoformat);
    in.add_method(t.datetime, "strftime", dt_strftime);
    in.add_method(t.datetime, "timestamp", dt_timestamp);
    in.add_method(t.datetime, "__getattr__", dt_getattr);
    in.add_method(t.datetime, "__sub__", dt_sub);
    in.add_method(t.timedelta, "total_seconds", td_total_seconds);
    in.add_method(t.timedelta, "__str__", td_str);
    in.add_method(t.timedelta, "__getattr__", td_getattr);
    module_set(in, m, "datetime", Value(t.datetime));
    module_set(in, m, "timedelta", Value(t.timedelta));
    return m;
}

}  // namespace script
