// Every bad snippet of data/syntax_errors.json must fail with CPython 3.11's error
// type, message, line and column, and print the way `python3 f.py` prints it.
#include <QtTest>

#include "script/syntax/parser.hpp"
#include "syntax/corpus.hpp"

class TestSyntaxErrors : public QObject {
    Q_OBJECT

private slots:
    void corpusMatchesCPython() {
        const QJsonArray entries = corpus::load("syntax_errors.json");
        QVERIFY2(entries.size() >= 80, "the corpus data file is missing or too small");
        int mismatches = 0;
        for (const auto& value : entries) {
            const QJsonObject e = value.toObject();
            const std::string src = corpus::source_of(e);
            const auto result = script::parse(src, "f.py");
            const std::string want = corpus::str(e, "type") + " '" + corpus::str(e, "msg") + "' " +
                                     std::to_string(e.value("line").toInt()) + ":" +
                                     std::to_string(e.value("offset").toInt());
            std::string got = "(no error)";
            if (result.error)
                got = result.error->type + " '" + result.error->message + "' " + std::to_string(result.error->line) +
                      ":" + std::to_string(result.error->offset);
            if (got != want) {
                ++mismatches;
                qWarning("MISMATCH for %s\n   want %s\n    got %s", QJsonDocument(QJsonArray{e.value("src")}).toJson(QJsonDocument::Compact).constData(),
                         want.c_str(), got.c_str());
            }
        }
        qInfo("%d of %d snippets match CPython", int(entries.size()) - mismatches, int(entries.size()));
        QCOMPARE(mismatches, 0);
    }

    void renderingMatchesCPythonStderr() {
        const QJsonArray entries = corpus::load("syntax_errors.json");
        QVERIFY(!entries.isEmpty());
        int compared = 0, mismatches = 0;
        for (const auto& value : entries) {
            const QJsonObject e = value.toObject();
            const auto result = script::parse(corpus::source_of(e), "f.py");
            if (!result.error || result.error->message != corpus::str(e, "msg") ||
                result.error->line != e.value("line").toInt() || result.error->offset != e.value("offset").toInt())
                continue;  // reported by corpusMatchesCPython
            ++compared;
            const std::string got = script::format_syntax_error(*result.error);
            const std::string want = corpus::str(e, "stderr");
            if (got != want) {
                ++mismatches;
                qWarning("RENDERING MISMATCH\n--- want\n%s--- got\n%s", want.c_str(), got.c_str());
            }
        }
        qInfo("%d of %d renderings match", compared - mismatches, compared);
        QCOMPARE(mismatches, 0);
    }

    void unsupportedConstructsAreNamed() {
        struct Case { const char* src; const char* msg; int line, offset; };
        const Case cases[] = {
            {"x = 1\nmatch x:\n    case 1:\n        pass\n", "'match' statement is not supported", 2, 1},
            {"match (a, b):\n    case _: pass\n", "'match' statement is not supported", 1, 1},
            {"def f[T](x): pass\n", "type parameter lists are not supported", 1, 6},
            {"class A[T]: pass\n", "type parameter lists are not supported", 1, 8},
            {"type X = int\n", "'type' statement is not supported", 1, 1},
        };
        for (const Case& c : cases) {
            const auto r = script::parse(c.src, "f.py");
            QVERIFY2(r.error, c.src);
            QCOMPARE(QString::fromStdString(r.error->message), QString::fromLatin1(c.msg));
            QCOMPARE(r.error->line, c.line);
            QCOMPARE(r.error->offset, c.offset);
        }
        // `match` stays an ordinary name everywhere else.
        for (const char* ok : {"match = 1\n", "match(x)\n", "match.group(1)\n", "print(match)\n", "match[0] = 2\n",
                               "match, b = 1, 2\n"}) {
            const auto r = script::parse(ok, "f.py");
            QVERIFY2(!r.error, ok);
        }
    }
};

QTEST_GUILESS_MAIN(TestSyntaxErrors)
#include "test_syntax_errors.moc"
