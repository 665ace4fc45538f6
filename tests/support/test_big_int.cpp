// BigInt against python3's int: every case in bigint_cases.json (make_bigint_expected.py).
#include "support/case_table.hpp"

#include <script/support/big_int.hpp>

#include <QtTest>

using script::support::BigInt;
using script::support::PyError;
using namespace support_test;

namespace {

BigInt num(const QJsonValue& v)
{
    return BigInt::parse(str(v), 10, 0);
}

std::string dec(const BigInt& v)
{
    return v.to_string(10, 0);
}

} // namespace

class TestBigInt : public QObject {
    Q_OBJECT

private slots:
    void matchesPythonTable()
    {
        const QJsonArray cases = load_cases("bigint_cases.json");
        QVERIFY2(cases.size() > 5000, "bigint_cases.json missing or short");
        Failures f;
        for (const QJsonValue& cv : cases) {
            const QJsonArray c = cv.toArray();
            const std::string op = str(c.at(0));
            const QJsonValue expected = c.at(c.size() - 1);
            std::function<std::string()> fn;
            if (op == "str") fn = [&] { return num(c[1]).to_string(); };
            else if (op == "bin") fn = [&] { return num(c[1]).to_python_bin(); };
            else if (op == "oct") fn = [&] { return num(c[1]).to_python_oct(); };
            else if (op == "hex") fn = [&] { return num(c[1]).to_python_hex(); };
            else if (op == "neg") fn = [&] { return dec(-num(c[1])); };
            else if (op == "abs") fn = [&] { return dec(num(c[1]).abs()); };
            else if (op == "invert") fn = [&] { return dec(~num(c[1])); };
            else if (op == "bit_length") fn = [&] { return std::to_string(num(c[1]).bit_length()); };
            else if (op == "bit_count") fn = [&] { return std::to_string(num(c[1]).bit_count()); };
            else if (op == "hash") fn = [&] { return std::to_string(num(c[1]).hash()); };
            else if (op == "to_double") fn = [&] { return bits_of(num(c[1]).to_double()); };
            else if (op == "fits_int64") fn = [&] {
                BigInt v = num(c[1]);
                if (v.fits_int64() && dec(BigInt(static_cast<long long>(v.to_int64()))) != dec(v)) return std::string("bad");
                return std::string(v.fits_int64() ? "1" : "0");
            };
            else if (op == "add") fn = [&] { return dec(num(c[1]) + num(c[2])); };
            else if (op == "sub") fn = [&] { return dec(num(c[1]) - num(c[2])); };
            else if (op == "mul") fn = [&] { return dec(num(c[1]) * num(c[2])); };
            else if (op == "floordiv") fn = [&] { return dec(num(c[1]).floor_div(num(c[2]))); };
            else if (op == "mod") fn = [&] { return dec(num(c[1]).mod(num(c[2]))); };
            else if (op == "divmod") fn = [&] {
                auto [q, r] = num(c[1]).divmod(num(c[2]));
                return dec(q) + " " + dec(r);
            };
            else if (op == "truediv") fn = [&] { return bits_of(BigInt::true_divide(num(c[1]), num(c[2]))); };
            else if (op == "cmp") fn = [&] {
                auto o = num(c[1]) <=> num(c[2]);
                bool eq = num(c[1]) == num(c[2]);
                if (eq != (o == 0)) return std::string("== disagrees with <=>");
                return std::string(o < 0 ? "-1" : o > 0 ? "1" : "0");
            };
            else if (op == "and") fn = [&] { return dec(num(c[1]) & num(c[2])); };
            else if (op == "or") fn = [&] { return dec(num(c[1]) | num(c[2])); };
            else if (op == "xor") fn = [&] { return dec(num(c[1]) ^ num(c[2])); };
            else if (op == "lshift") fn = [&] { return dec(num(c[1]).shift_left(num(c[2]))); };
            else if (op == "rshift") fn = [&] { return dec(num(c[1]).shift_right(num(c[2]))); };
            else if (op == "pow") fn = [&] { return dec(num(c[1]).pow(num(c[2]))); };
            else if (op == "powmod") fn = [&] { return dec(num(c[1]).pow(num(c[2]), num(c[3]))); };
            else if (op == "round") fn = [&] { return dec(num(c[1]).round_to_ndigits(std::stoll(str(c[2])))); };
            else if (op == "parse") fn = [&] { return dec(BigInt::parse(str(c[1]), std::stoi(str(c[2])))); };
            else fn = [&] { return "unknown op " + op; };
            f.add(c, check(expected, fn));
        }
        QVERIFY2(f.list.empty(), f.report().constData());
    }

    void smallOperatorsAgreeWithInt64()
    {
        // The interpreter's int64 fast path and BigInt must agree where both apply.
        const long long values[] = {0, 1, -1, 7, -7, 1000003, -99991, 2147483647, -2147483648LL, 4294967296LL};
        for (long long a : values) {
            for (long long b : values) {
                QCOMPARE(BigInt(a) + BigInt(b), BigInt(a + b));
                long long product = 0;
                if (!__builtin_mul_overflow(a, b, &product)) QCOMPARE(BigInt(a) * BigInt(b), BigInt(product));
                QCOMPARE((BigInt(a) <=> BigInt(b)) < 0, a < b);
            }
        }
    }

    void constructsFromEveryIntegerType()
    {
        QCOMPARE(BigInt(std::size_t{18446744073709551615ULL}).to_string(), std::string("18446744073709551615"));
        QCOMPARE(BigInt(std::uint32_t{4294967295U}).to_string(), std::string("4294967295"));
        QCOMPARE(BigInt(std::int64_t{-9223372036854775807LL - 1}).to_string(), std::string("-9223372036854775808"));
        QCOMPARE(BigInt(static_cast<short>(-3)), BigInt(-3));
        QVERIFY(BigInt(5) == 5);
        QVERIFY(BigInt(5) > 4);
    }

    void literalParsingIgnoresDigitLimit()
    {
        const std::string big(5000, '7');
        QCOMPARE(BigInt::parse_literal(big).to_string(10, 0), big);
        QCOMPARE(BigInt::parse_literal("0x_ff").to_int64(), 255);
        QCOMPARE(BigInt::parse_literal("0o17").to_int64(), 15);
        QCOMPARE(BigInt::parse_literal("0B1_01").to_int64(), 5);
        QCOMPARE(BigInt::parse_literal("1_000").to_int64(), 1000);
        QCOMPARE(BigInt::parse(big, 10, 0).to_string(10, 0), big);
    }

    void doubleConversionErrors()
    {
        QCOMPARE(BigInt(-3.99).to_int64(), -3);
        // int(1e300) as printed by python3:
        QCOMPARE(BigInt(1e300).to_string(), std::string("1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160"));
        try {
            BigInt(std::nan(""));
            QFAIL("no error");
        } catch (const PyError& e) {
            QCOMPARE(e.type, std::string("ValueError"));
            QCOMPARE(std::string(e.what()), std::string("cannot convert float NaN to integer"));
        }
        try {
            BigInt(-HUGE_VAL);
            QFAIL("no error");
        } catch (const PyError& e) {
            QCOMPARE(e.type, std::string("OverflowError"));
            QCOMPARE(std::string(e.what()), std::string("cannot convert float infinity to integer"));
        }
        try {
            BigInt(std::int64_t{1} << 40).shift_left(BigInt(-1));
            QFAIL("no error");
        } catch (const PyError& e) {
            QCOMPARE(std::string(e.what()), std::string("negative shift count"));
        }
    }

    void bigValuesStayFast()
    {
        // 10,000-digit str() and 1000-digit products must be instant for a script's print().
        BigInt a = BigInt(7).pow(BigInt(11830));  // ~10,000 digits
        std::string s = a.to_string(10, 0);
        QCOMPARE(s.size(), std::size_t{9998});
        QCOMPARE(BigInt::parse(s, 10, 0), a);
        BigInt p = BigInt(3).pow(BigInt(2100));  // ~1000 digits
        BigInt q = p * p;
        QCOMPARE(q, BigInt(3).pow(BigInt(4200)));
        QCOMPARE(q.floor_div(p), p);
    }
};

QTEST_GUILESS_MAIN(TestBigInt)
#include "test_big_int.moc"
