// The parser must answer every input with a tree or an error: binary garbage, deep
// nesting of every construct, truncated and mutated programs, huge files.
#include <QtTest>

#include <random>

#include "script/syntax/ast_dump.hpp"
#include "script/syntax/parser.hpp"
#include "syntax/corpus.hpp"

namespace {

std::string repeat(const std::string& s, int n) {
    std::string out;
    out.reserve(s.size() * static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

}  // namespace

class TestSyntaxRobustness : public QObject {
    Q_OBJECT

private slots:
    void tooManyParenthesesIsCPythonsError() {
        const auto r = script::parse(repeat("(", 10000) + repeat(")", 10000) + "\n", "f.py");
        QVERIFY(r.error);
        QCOMPARE(QString::fromStdString(r.error->message), QStringLiteral("too many nested parentheses"));
        QCOMPARE(r.error->line, 1);
        QCOMPARE(r.error->offset, 201);
    }

    void deepButLegalNestingParses() {
        // CPython accepts 199 brackets and 99 indented blocks; so must we.
        QVERIFY(script::parse("x = " + repeat("[", 199) + repeat("]", 199) + "\n", "f.py").module);
        QVERIFY(script::parse("x = " + repeat("(", 199) + "1" + repeat(")", 199) + "\n", "f.py").module);
        std::string blocks;
        for (int i = 0; i < 99; ++i) blocks += std::string(static_cast<std::size_t>(i), ' ') + "if x:\n";
        blocks += std::string(99, ' ') + "pass\n";
        QVERIFY(script::parse(blocks, "f.py").module);
        // CPython 3.11 compiles 2000-level chains (and gives up before 5000).
        QVERIFY(script::parse("x = " + repeat("-", 2000) + "1\n", "f.py").module);
        QVERIFY(script::parse("x = " + repeat("not ", 2000) + "1\n", "f.py").module);
        QVERIFY(script::parse("x = 1" + repeat(" + 1", 2000) + "\n", "f.py").module);
        QVERIFY(script::parse("x = a" + repeat(".b", 2000) + "\n", "f.py").module);
        QVERIFY(script::parse("x = " + repeat("lambda: ", 2000) + "1\n", "f.py").module);
    }

    void deepNestingOfEveryKindIsAnError() {
        const std::string cases[] = {
            "x = " + repeat("-", 100000) + "1\n",
            "x = " + repeat("not ", 100000) + "1\n",
            "x = " + repeat("lambda: ", 100000) + "1\n",
            "x = " + repeat("a if b else ", 100000) + "c\n",
            "x = 2" + repeat(" ** 2", 100000) + "\n",
            "x = " + repeat("await ", 100000) + "y\n",
            "x = " + repeat("~+", 50000) + "y\n",
            repeat("*", 100000) + "a, = b\n",
            "for " + repeat("*", 100000) + "a, in b: pass\n",
            "x = lambda a=" + repeat("lambda a=", 100000) + "1: 2\n",
        };
        for (const std::string& src : cases) {
            const auto r = script::parse(src, "f.py");
            QVERIFY(r.error);
            QCOMPARE(r.error->type, std::string("SyntaxError"));
            QVERIFY(!r.error->message.empty());
        }
        // Long left-leaning chains make deep trees too: the compiler walks them recursively.
        QVERIFY(script::parse("x = a" + repeat(".b", 100000) + "\n", "f.py").error);
        QVERIFY(script::parse("x = a" + repeat("()", 100000) + "\n", "f.py").error);
        QVERIFY(script::parse("x = a" + repeat(" + a", 100000) + "\n", "f.py").error);
        // Comparisons, boolean operators, tuples and strings are flat lists: any length.
        QVERIFY(script::parse("x = a" + repeat(" < a", 100000) + "\n", "f.py").module);
        QVERIFY(script::parse("x = a" + repeat(" and a", 100000) + "\n", "f.py").module);
        QVERIFY(script::parse("x = " + repeat("a, ", 100000) + "\n", "f.py").module);
        QVERIFY(script::parse("x = " + repeat("'a' ", 100000) + "\n", "f.py").module);
    }

    void binaryGarbageIsRejected() {
        std::mt19937 rng(12345);
        for (int round = 0; round < 300; ++round) {
            std::string src(static_cast<std::size_t>(rng() % 400), '\0');
            for (char& c : src) c = static_cast<char>(rng() & 0xFF);
            const auto r = script::parse(src, "f.py");
            QVERIFY(r.module || r.error);
            if (r.error) QVERIFY(!r.error->message.empty());
        }
        // Printable garbage exercises the parser rather than the UTF-8 check.
        const std::string alphabet = "abc xyz019_()[]{}:;,.=+-*/%@<>!&|^~'\"\\#\n\t    ifelsefordefclassawaitlambdayield";
        for (int round = 0; round < 2000; ++round) {
            std::string src;
            const std::size_t n = rng() % 120;
            for (std::size_t i = 0; i < n; ++i) src += alphabet[rng() % alphabet.size()];
            const auto r = script::parse(src, "f.py");
            QVERIFY(r.module || r.error);
            if (r.error) {
                QVERIFY(!r.error->message.empty());
                QVERIFY(r.error->line >= 0);
                (void)script::format_syntax_error(*r.error);
            }
        }
    }

    void everyPrefixOfTheCorpusIsHandled() {
        // Truncating a valid program anywhere gives a tree or an error, never a crash.
        const QJsonArray entries = corpus::load("valid_dumps.json");
        QVERIFY(!entries.isEmpty());
        int errors = 0;
        for (const auto& value : entries) {
            const std::string src = corpus::source_of(value.toObject());
            for (std::size_t cut = 0; cut <= src.size(); ++cut) {
                const auto r = script::parse(std::string_view(src).substr(0, cut), "f.py");
                QVERIFY(r.module || r.error);
                if (r.error) ++errors;
            }
        }
        QVERIFY(errors > 0);
    }

    void crlfAndBomAreAccepted() {
        const auto r = script::parse("\xEF\xBB\xBFif x:\r\n    y = 1\r\nz = 2\r", "f.py");
        QVERIFY(r.module);
        QCOMPARE(script::ast::dump(*r.module),
                 std::string("Module(body=[If(test=Name(id='x', ctx=Load()), body=[Assign(targets=[Name(id='y', "
                             "ctx=Store())], value=Constant(value=1))], orelse=[]), Assign(targets=[Name(id='z', "
                             "ctx=Store())], value=Constant(value=2))], type_ignores=[])"));
    }

    void largeFilesParse() {
        std::string src;
        for (int i = 0; i < 2000; ++i) {
            src += "async def worker_" + std::to_string(i) + "(q, n=10, *, name='w'):\n";
            src += "    for i in range(n):\n";
            src += "        await q.put(f'{name}-{i:03d}')\n";
            src += "        x = [j * 2 for j in range(i) if j % 3 == 0]\n";
            src += "    return {'done': True, 'count': len(x)}\n";
        }
        const auto r = script::parse(src, "big.py");
        QVERIFY(r.module);
        QCOMPARE(r.module->body.size(), std::size_t(2000));
    }
};

QTEST_GUILESS_MAIN(TestSyntaxRobustness)
#include "test_syntax_robustness.moc"
