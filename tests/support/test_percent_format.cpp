// printf-style str % args against python3: every case in percent_cases.json
// (make_percent_expected.py). The walk below is what the interpreter does with the pieces:
// fetch the key, then '*' arguments, then the value, in CPython's order, raising its errors.
#include "support/case_table.hpp"

#include <script/support/float_format.hpp>
#include <script/support/percent_format.hpp>
#include <script/support/string_repr.hpp>

#include <QtTest>

#include <map>
#include <variant>

using namespace script::support;
using namespace support_test;

namespace {

using Value = std::variant<BigInt, double, std::string>;

Value decode(const QJsonValue& v)
{
    const QJsonArray a = v.toArray();
    const std::string kind = str(a.at(0)), text = str(a.at(1));
    if (kind == "int") return BigInt::parse(text, 10, 0);
    if (kind == "float") return float_from_bits(text);
    return text;
}

std::string type_name(const Value& v)
{
    return v.index() == 0 ? "int" : v.index() == 1 ? "float" : "str";
}

std::string to_str(const Value& v)
{
    if (auto* i = std::get_if<BigInt>(&v)) return i->to_string();
    if (auto* d = std::get_if<double>(&v)) return float_repr(*d);
    return std::get<std::string>(v);
}

std::string to_repr(const Value& v, bool ascii)
{
    if (auto* s = std::get_if<std::string>(&v)) return ascii ? python_str_ascii(*s) : python_str_repr(*s);
    return to_str(v);
}

// A model of CPython's unicode_format() argument handling, for int/float/str values.
std::string percent_apply(const std::string& fmt, const QJsonValue& args_json)
{
    std::vector<Value> tuple;
    std::map<std::string, Value> dict;
    bool is_dict = false;
    std::int64_t arglen = -1, argidx = -2;
    Value current;  // the single non-tuple argument, or the value fetched by key
    const QJsonObject obj = args_json.toObject();
    if (obj.contains("tuple")) {
        for (const QJsonValue& v : obj.value("tuple").toArray()) tuple.push_back(decode(v));
        arglen = static_cast<std::int64_t>(tuple.size());
        argidx = 0;
    } else if (obj.contains("dict")) {
        is_dict = true;
        const QJsonObject d = obj.value("dict").toObject();
        for (auto it = d.begin(); it != d.end(); ++it) dict[it.key().toStdString()] = decode(it.value());
    } else {
        current = decode(args_json);
    }
    bool current_is_tuple = obj.contains("tuple");
    auto next_arg = [&]() -> Value {
        if (argidx < arglen) {
            const std::int64_t i = argidx++;
            if (arglen < 0 || !current_is_tuple) return current;
            return tuple[static_cast<std::size_t>(i)];
        }
        throw PyError("TypeError", percent_not_enough_arguments);
    };
    auto star = [&](const Value& v) -> const BigInt& {
        if (v.index() != 0) throw PyError("TypeError", percent_star_wants_int);
        return std::get<BigInt>(v);
    };
    std::string out;
    for (const PercentPiece& piece : parse_percent_format(fmt)) {
        if (piece.kind == PercentPiece::Kind::literal) {
            out += piece.text;
            continue;
        }
        PercentSpec spec = piece.spec;
        if (spec.key) {
            if (!is_dict) throw PyError("TypeError", percent_requires_mapping);
            auto it = dict.find(*spec.key);
            if (it == dict.end()) throw PyError("KeyError", python_str_repr(*spec.key));
            current = it->second;
            current_is_tuple = false;
            arglen = -1;
            argidx = -2;
        }
        if (spec.width_star) {
            const Value w = next_arg();
            percent_set_star_width(spec, star(w));
        }
        if (spec.precision_star) {
            const Value p = next_arg();
            percent_set_star_precision(spec, star(p));
        }
        if (piece.kind == PercentPiece::Kind::error) throw PyError("ValueError", piece.text);
        Value v = next_arg();
        if (spec.unsupported) throw PyError("ValueError", *spec.unsupported);
        const char conv = spec.conversion;
        switch (conv) {
        case 's': out += percent_format_text(to_str(v), spec); break;
        case 'r': out += percent_format_text(to_repr(v, false), spec); break;
        case 'a': out += percent_format_text(to_repr(v, true), spec); break;
        case 'd': case 'i': case 'u':
            if (auto* d = std::get_if<double>(&v)) v = BigInt(*d);
            [[fallthrough]];
        case 'o': case 'x': case 'X':
            if (v.index() != 0) throw PyError("TypeError", percent_type_error_message(conv, type_name(v)));
            out += percent_format_int(std::get<BigInt>(v), spec);
            break;
        case 'c': {
            std::string ch;
            if (auto* i = std::get_if<BigInt>(&v)) {
                if (!i->fits_int64() || i->to_int64() < 0 || i->to_int64() > 0x10ffff) {
                    throw PyError("OverflowError", percent_c_out_of_range);
                }
                ch = utf8_encode(static_cast<char32_t>(i->to_int64()));
            } else if (auto* s = std::get_if<std::string>(&v); s && utf8_length(*s) == 1) {
                ch = *s;
            } else {
                throw PyError("TypeError", percent_c_requires_int_or_char);
            }
            out += percent_format_text(ch, spec);
            break;
        }
        default: {
            double d = 0;
            if (auto* i = std::get_if<BigInt>(&v)) d = i->to_double();
            else if (auto* f = std::get_if<double>(&v)) d = *f;
            else throw PyError("TypeError", percent_type_error_message(conv, type_name(v)));
            out += percent_format_float(d, spec);
        }
        }
    }
    if (argidx < arglen && !is_dict) throw PyError("TypeError", percent_not_all_converted);
    return out;
}

} // namespace

class TestPercentFormat : public QObject {
    Q_OBJECT

private slots:
    void matchesPythonTable()
    {
        const QJsonArray cases = load_cases("percent_cases.json");
        QVERIFY2(cases.size() > 5000, "percent_cases.json missing or short");
        Failures f;
        for (const QJsonValue& cv : cases) {
            const QJsonArray c = cv.toArray();
            f.add(c, check(c.at(2), [&] { return percent_apply(str(c.at(0)), c.at(1)); }));
        }
        QVERIFY2(f.list.empty(), f.report().constData());
    }

    void hugeWidthsAreRefusedNotAllocated()
    {
        // CPython would build a 3 GB string here; Loopscope raises MemoryError instead.
        PercentSpec spec;
        spec.conversion = 'd';
        percent_set_star_width(spec, BigInt(3000000000LL));
        QVERIFY_THROWS_EXCEPTION(PyError, percent_format_int(BigInt(1), spec));
        spec.conversion = 's';
        QVERIFY_THROWS_EXCEPTION(PyError, percent_format_text("x", spec));
        PercentSpec prec;
        prec.conversion = 'f';
        percent_set_star_precision(prec, BigInt(2147483647));
        QVERIFY_THROWS_EXCEPTION(PyError, percent_format_float(1.5, prec));
        try {
            percent_set_star_width(spec, BigInt(2).pow(BigInt(70)));
            QFAIL("no error");
        } catch (const PyError& e) {
            QCOMPARE(std::string(e.what()), std::string("Python int too large to convert to C ssize_t"));
        }
    }

    void piecesOfAFormatString()
    {
        auto pieces = parse_percent_format("a%%b%(k)-*.3sé%");
        QCOMPARE(pieces.size(), std::size_t{4});
        QCOMPARE(pieces[0].text, std::string("a%b"));
        QVERIFY(pieces[1].kind == PercentPiece::Kind::conversion);
        QCOMPARE(*pieces[1].spec.key, std::string("k"));
        QVERIFY(pieces[1].spec.left);
        QVERIFY(pieces[1].spec.width_star);
        QCOMPARE(pieces[1].spec.precision, std::int64_t{3});
        QCOMPARE(pieces[1].spec.conversion, 's');
        QCOMPARE(pieces[2].text, std::string("é"));
        QVERIFY(pieces[3].kind == PercentPiece::Kind::error);
        QCOMPARE(pieces[3].text, std::string("incomplete format"));
    }
};

QTEST_GUILESS_MAIN(TestPercentFormat)
#include "test_percent_format.moc"
