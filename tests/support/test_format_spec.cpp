// format() / f-string specs against python3: every case in format_cases.json
// (make_format_expected.py), for int, bool, float and str, errors included.
#include "support/case_table.hpp"

#include <script/support/format_spec.hpp>

#include <QtTest>

using namespace script::support;
using namespace support_test;

class TestFormatSpec : public QObject {
    Q_OBJECT

private slots:
    void matchesPythonTable()
    {
        const QJsonArray cases = load_cases("format_cases.json");
        QVERIFY2(cases.size() > 5000, "format_cases.json missing or short");
        Failures f;
        for (const QJsonValue& cv : cases) {
            const QJsonArray c = cv.toArray();
            const std::string kind = str(c.at(0)), value = str(c.at(1)), spec = str(c.at(2));
            std::function<std::string()> fn;
            if (kind == "int") fn = [&] { return format_int(BigInt::parse(value, 10, 0), spec); };
            else if (kind == "bool") fn = [&] {
                // The interpreter formats bool with an empty spec as str(); others as int.
                return spec.empty() ? std::string("True") : format_int(BigInt(1), spec, "bool");
            };
            else if (kind == "float") fn = [&] { return format_float(float_from_bits(value), spec); };
            else fn = [&] { return format_str(value, spec); };
            f.add(c, check(c.at(3), fn));
        }
        QVERIFY2(f.list.empty(), f.report().constData());
    }

    void hugeWidthsAreRefusedNotAllocated()
    {
        // CPython would build a 3 GB string; Loopscope raises MemoryError("") instead.
        try {
            format_int(BigInt(1), "3000000000");
            QFAIL("no error");
        } catch (const PyError& e) {
            QCOMPARE(e.type, std::string("MemoryError"));
        }
        QVERIFY_THROWS_EXCEPTION(PyError, format_float(1.5, ".300000000f"));
        QVERIFY_THROWS_EXCEPTION(PyError, format_str("a", ">300000000"));
        QCOMPARE(format_str("a", ".3000000000"), std::string("a"));  // a precision only truncates
    }

    void parsedSpecFields()
    {
        FormatSpec s = parse_format_spec("*^+#012,.3f", 0);
        QCOMPARE(s.fill, std::string("*"));
        QCOMPARE(s.align, '^');
        QCOMPARE(s.sign, '+');
        QVERIFY(s.alternate);
        QVERIFY(!s.zero_pad);  // an explicit fill disables the '0' shorthand
        QCOMPARE(s.width, std::int64_t{12});
        QCOMPARE(s.grouping, ',');
        QCOMPARE(s.precision, std::int64_t{3});
        QCOMPARE(s.type, 'f');
        FormatSpec d = parse_format_spec("08", 'd');
        QCOMPARE(d.align, '=');
        QCOMPARE(d.fill, std::string("0"));
        QCOMPARE(parse_format_spec("", 's').align, '<');
        try {
            parse_format_spec("5x5", 'd', "int");
            QFAIL("no error");
        } catch (const PyError& e) {
            QCOMPARE(std::string(e.what()), std::string("Invalid format specifier '5x5' for object of type 'int'"));
        }
    }
};

QTEST_GUILESS_MAIN(TestFormatSpec)
#include "test_format_spec.moc"
