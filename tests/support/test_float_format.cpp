// Float behaviour against python3: every case in float_cases.json (make_float_expected.py).
#include "support/case_table.hpp"

#include <script/support/float_format.hpp>

#include <QtTest>

using namespace script::support;
using namespace support_test;

namespace {

double flt(const QJsonValue& v)
{
    return float_from_bits(str(v));
}

} // namespace

class TestFloatFormat : public QObject {
    Q_OBJECT

private slots:
    void matchesPythonTable()
    {
        const QJsonArray cases = load_cases("float_cases.json");
        QVERIFY2(cases.size() > 5000, "float_cases.json missing or short");
        Failures f;
        for (const QJsonValue& cv : cases) {
            const QJsonArray c = cv.toArray();
            const std::string op = str(c.at(0));
            std::function<std::string()> fn;
            if (op == "repr") fn = [&] { return float_repr(flt(c[1])); };
            else if (op == "hash") fn = [&] { return std::to_string(float_hash(flt(c[1]))); };
            else if (op == "is_integer") fn = [&] { return std::string(float_is_integer(flt(c[1])) ? "1" : "0"); };
            else if (op == "round0") fn = [&] { return float_round_to_int(flt(c[1])).to_string(10, 0); };
            else if (op == "int") fn = [&] { return BigInt(flt(c[1])).to_string(10, 0); };
            else if (op == "floor") fn = [&] { return float_floor_to_int(flt(c[1])).to_string(10, 0); };
            else if (op == "ceil") fn = [&] { return float_ceil_to_int(flt(c[1])).to_string(10, 0); };
            else if (op == "ratio") fn = [&] {
                auto [n, d] = float_as_integer_ratio(flt(c[1]));
                return n.to_string(10, 0) + "/" + d.to_string(10, 0);
            };
            else if (op == "round") fn = [&] { return bits_of(float_round(flt(c[1]), std::stoll(str(c[2])))); };
            else if (op == "truediv") fn = [&] { return bits_of(float_true_divide(flt(c[1]), flt(c[2]))); };
            else if (op == "floordiv") fn = [&] { return bits_of(float_floor_div(flt(c[1]), flt(c[2]))); };
            else if (op == "mod") fn = [&] { return bits_of(float_mod(flt(c[1]), flt(c[2]))); };
            else if (op == "divmod") fn = [&] {
                auto [q, r] = float_divmod(flt(c[1]), flt(c[2]));
                return bits_of(q) + " " + bits_of(r);
            };
            else if (op == "pow") fn = [&] { return bits_of(float_pow(flt(c[1]), flt(c[2]))); };
            else if (op == "parse") fn = [&] { return bits_of(float_parse(str(c[1]))); };
            else fn = [&] { return "unknown op " + op; };
            f.add(c, check(c.at(c.size() - 1), fn));
        }
        QVERIFY2(f.list.empty(), f.report().constData());
    }

    void hashOfIntegralFloatEqualsIntHash()
    {
        for (double x : {1.0, -1.0, 0.0, 1e20, -12345.0, 9007199254740992.0, 1e300}) {
            QCOMPARE(float_hash(x), BigInt(x).hash());
        }
    }

    void literalParsing()
    {
        QCOMPARE(float_parse_literal("1_000.5e-3"), 1.0005);
        QCOMPARE(float_parse_literal("1e400"), HUGE_VAL);
        QCOMPARE(float_parse_literal(".5"), 0.5);
    }
};

QTEST_GUILESS_MAIN(TestFloatFormat)
#include "test_float_format.moc"
