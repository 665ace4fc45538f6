// Every good snippet of data/valid_dumps.json must parse to the tree CPython 3.11
// builds: our dump must equal python3's ast.dump() text.
#include <QtTest>

#include "script/syntax/ast_dump.hpp"
#include "script/syntax/parser.hpp"
#include "syntax/corpus.hpp"

class TestSyntaxTree : public QObject {
    Q_OBJECT

private slots:
    void corpusMatchesCPython() {
        const QJsonArray entries = corpus::load("valid_dumps.json");
        QVERIFY2(entries.size() >= 100, "the corpus data file is missing or too small");
        int mismatches = 0;
        for (const auto& value : entries) {
            const QJsonObject e = value.toObject();
            const std::string src = corpus::source_of(e);
            const auto result = script::parse(src, "f.py");
            std::string got;
            if (result.error)
                got = "error: " + result.error->type + ": " + result.error->message + " at " +
                      std::to_string(result.error->line) + ":" + std::to_string(result.error->offset);
            else
                got = script::ast::dump(*result.module);
            const std::string want = corpus::str(e, "dump");
            if (got != want) {
                ++mismatches;
                qWarning("MISMATCH for %s\n   want %s\n    got %s", src.c_str(), want.c_str(), got.c_str());
            }
        }
        qInfo("%d of %d snippets match CPython", int(entries.size()) - mismatches, int(entries.size()));
        QCOMPARE(mismatches, 0);
    }

    void corpusPositionsMatchCPython() {
        // Line and column of every node: tracebacks and the timeline's line markers use them.
        const QJsonArray entries = corpus::load("valid_dumps.json");
        QVERIFY(!entries.isEmpty());
        int mismatches = 0;
        for (const auto& value : entries) {
            const QJsonObject e = value.toObject();
            const std::string src = corpus::source_of(e);
            const auto result = script::parse(src, "f.py");
            if (!result.module) continue;  // reported by corpusMatchesCPython
            const std::string got = script::ast::dump(*result.module, true);
            const std::string want = corpus::str(e, "dump_with_positions");
            if (got != want) {
                ++mismatches;
                std::size_t i = 0;
                while (i < got.size() && i < want.size() && got[i] == want[i]) ++i;
                const std::size_t from = i > 120 ? i - 120 : 0;
                qWarning("MISMATCH for %s\n   want ...%s\n    got ...%s", src.c_str(), want.substr(from, 240).c_str(),
                         got.substr(from, 240).c_str());
            }
        }
        qInfo("%d of %d snippets match CPython", int(entries.size()) - mismatches, int(entries.size()));
        QCOMPARE(mismatches, 0);
    }

    void positionsFollowCPython() {
        const auto r = script::parse("x = 1\nif x:\n    y = f(a,\n          b)\n", "f.py");
        QVERIFY(r.module);
        const auto& body = r.module->body;
        QCOMPARE(body.size(), std::size_t(2));
        QCOMPARE(body[1]->loc.line, 2);
        QCOMPARE(body[1]->loc.end_line, 4);
        const auto& inner = static_cast<const script::ast::If&>(*body[1]).body[0];
        QCOMPARE(inner->loc.line, 3);
        QCOMPARE(inner->loc.col, 4);
        QCOMPARE(inner->loc.end_line, 4);
        QCOMPARE(inner->loc.end_col, 12);
    }

    void fstringFieldsKnowTheirLine() {
        // A traceback inside an f-string field must name the line the field is on.
        const auto r = script::parse("x = 1\ns = f'''a\n{y}'''\n", "f.py");
        QVERIFY(r.module);
        const auto& assign = static_cast<const script::ast::Assign&>(*r.module->body[1]);
        const auto& joined = static_cast<const script::ast::JoinedStr&>(*assign.value);
        const auto& field = static_cast<const script::ast::FormattedValue&>(*joined.values[1]);
        QCOMPARE(field.value->loc.line, 3);
        QCOMPARE(field.value->loc.col, 1);
    }

    void bigIntegersKeepEveryDigit() {
        const auto r = script::parse("x = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF\ny = 0o777_777\nz = 0b1_0000_0000\n", "f.py");
        QVERIFY(r.module);
        auto value = [&](int i) {
            return static_cast<const script::ast::Constant&>(*static_cast<const script::ast::Assign&>(*r.module->body[i]).value).text;
        };
        QCOMPARE(QString::fromStdString(value(0)), QStringLiteral("340282366920938463463374607431768211455"));
        QCOMPARE(QString::fromStdString(value(1)), QStringLiteral("262143"));
        QCOMPARE(QString::fromStdString(value(2)), QStringLiteral("256"));
    }
};

QTEST_GUILESS_MAIN(TestSyntaxTree)
#include "test_syntax_tree.moc"
