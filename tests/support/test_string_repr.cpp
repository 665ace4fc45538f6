// repr()/ascii() of str and the UTF-8 helpers against python3 (string_cases.json from
// make_string_expected.py).
#include "support/case_table.hpp"

#include <script/support/string_repr.hpp>
#include <script/support/unicode_tables.hpp>

#include <QtTest>

using namespace script::support;
using namespace support_test;

class TestStringRepr : public QObject {
    Q_OBJECT

private slots:
    void matchesPythonTable()
    {
        const QJsonArray cases = load_cases("string_cases.json");
        QVERIFY2(cases.size() > 100, "string_cases.json missing or short");
        Failures f;
        for (const QJsonValue& cv : cases) {
            const QJsonArray c = cv.toArray();
            const std::string text = str(c.at(0));
            f.add(c, check(c.at(1), [&] { return python_str_repr(text); }));
            f.add(c, check(c.at(2), [&] { return python_str_ascii(text); }));
            f.add(c, check(c.at(3), [&] { return std::to_string(utf8_length(text)); }));
        }
        QVERIFY2(f.list.empty(), f.report().constData());
    }

    void utf8Helpers()
    {
        const std::string s = "aé日😀";
        QCOMPARE(utf8_length(s), std::size_t{4});
        QCOMPARE(utf8_offset(s, 0), std::size_t{0});
        QCOMPARE(utf8_offset(s, 2), std::size_t{3});
        QCOMPARE(utf8_offset(s, 3), std::size_t{6});
        QCOMPARE(utf8_offset(s, 9), s.size());
        std::size_t pos = 6;
        QCOMPARE(utf8_decode(s, pos), U'😀');
        QCOMPARE(pos, s.size());
        QCOMPARE(utf8_encode(U'日'), std::string("日"));
        QCOMPARE(unicode_decimal_value(U'٣'), 3);
        QCOMPARE(unicode_decimal_value(U'x'), -1);
        QVERIFY(unicode_is_space(U'\u3000'));
        QVERIFY(!unicode_is_space(U'\u200b'));
    }
};

QTEST_GUILESS_MAIN(TestStringRepr)
#include "test_string_repr.moc"
