// Runs every asyncio program of the conformance suite through `loopscope run` and holds
// it to what CPython 3.11 printed: tests/conformance/cases/NAME.py against NAME.expected
// (stdout), NAME.stderr and NAME.exit (present only when non-empty / non-zero), and the
// demos resources/demos/NAME.py against tests/conformance/demos/NAME.*, and the older
// asyncio programs tests/conformance/legacy/NAME.py against the stdout of the CPython their
// "# CPython: X.Y" header names (their NAME.stderr holds Loopscope's deprecation notes).
// A program marked "# Expect: deadlock" never ends under CPython; here it must print the
// same lines, then exit 1 with a deadlock report on stderr (after any deprecation notes). Expectations come from
// make_expected.py. LOOPSCOPE_CONFORMANCE_BINARY in the environment overrides which
// loopscope is run. Where Loopscope differs from 3.11 on purpose (README, "Deliberate
// differences"), NAME.loopscope holds Loopscope's stdout and replaces NAME.expected; the
// CPython record stays next to it so make_expected.py --check still watches CPython.
// Threading: one thread; each program is a child process with a wall-clock limit.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTest>

#include <algorithm>
#include <vector>

namespace {

// Generous: on the virtual clock a case takes milliseconds, but the machine may be busy
// and a few programs sleep in real threads.
constexpr int kWallLimitMs = 120000;
const char* const kRunTimeoutSeconds = "60";

QString binary()
{
    const QByteArray env = qgetenv("LOOPSCOPE_CONFORMANCE_BINARY");
    return env.isEmpty() ? QStringLiteral(LOOPSCOPE_BINARY) : QString::fromLocal8Bit(env);
}

QByteArray readFile(const QString& path, bool* exists = nullptr)
{
    QFile f(path);
    const bool ok = f.open(QIODevice::ReadOnly);
    if (exists) *exists = ok;
    return ok ? f.readAll() : QByteArray();
}

bool expectsDeadlock(const QString& script)
{
    const QList<QByteArray> lines = readFile(script).split('\n');
    for (qsizetype i = 0; i < std::min<qsizetype>(lines.size(), 10); ++i)
        if (lines[i].trimmed() == "# Expect: deadlock") return true;
    return false;
}

// Lines of a text; `complete` is false when the last line has no newline.
QList<QByteArray> splitLines(const QByteArray& text, bool& complete)
{
    QList<QByteArray> lines = text.split('\n');
    complete = text.isEmpty() || text.endsWith('\n');
    if (!text.isEmpty() && complete) lines.removeLast();
    if (text.isEmpty()) lines.clear();
    return lines;
}

// A unified diff (3 lines of context) from a longest-common-subsequence edit script;
// outputs are short, so the quadratic table is fine.
QByteArray unifiedDiff(const QByteArray& expected, const QByteArray& actual)
{
    bool expComplete = true, actComplete = true;
    const QList<QByteArray> a = splitLines(expected, expComplete);
    const QList<QByteArray> b = splitLines(actual, actComplete);
    const std::size_t n = static_cast<std::size_t>(a.size()), m = static_cast<std::size_t>(b.size());
    std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;)
        for (std::size_t j = m; j-- > 0;)
            lcs[i][j] = a[qsizetype(i)] == b[qsizetype(j)] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);

    struct Op {
        char kind;  // ' ', '-', '+'
        std::size_t ai, bi;
    };
    std::vector<Op> ops;
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a[qsizetype(i)] == b[qsizetype(j)]) {
            ops.push_back({' ', i++, j++});
        } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
            ops.push_back({'-', i++, j});  // removals first, as diff -u prints them
        } else {
            ops.push_back({'+', i, j++});
        }
    }

    QByteArray out = "--- expected\n+++ actual\n";
    constexpr std::size_t context = 3;
    std::size_t k = 0;
    while (k < ops.size()) {
        if (ops[k].kind == ' ') {
            ++k;
            continue;
        }
        std::size_t start = k > context ? k - context : 0;
        std::size_t end = k;  // one past the last op of the hunk
        std::size_t quiet = 0;
        while (end < ops.size() && quiet <= 2 * context) {
            quiet = ops[end].kind == ' ' ? quiet + 1 : 0;
            ++end;
        }
        if (quiet > context) end -= quiet - context;
        std::size_t aCount = 0, bCount = 0;
        for (std::size_t x = start; x < end; ++x) {
            if (ops[x].kind != '+') ++aCount;
            if (ops[x].kind != '-') ++bCount;
        }
        out += "@@ -" + QByteArray::number(qulonglong(ops[start].ai + (aCount ? 1 : 0))) + "," +
               QByteArray::number(qulonglong(aCount)) + " +" +
               QByteArray::number(qulonglong(ops[start].bi + (bCount ? 1 : 0))) + "," +
               QByteArray::number(qulonglong(bCount)) + " @@\n";
        for (std::size_t x = start; x < end; ++x) {
            const Op& op = ops[x];
            const QByteArray& line = op.kind == '+' ? b[qsizetype(op.bi)] : a[qsizetype(op.ai)];
            out += op.kind + line + "\n";
            const bool lastA = op.kind != '+' && op.ai + 1 == n && !expComplete;
            const bool lastB = op.kind != '-' && op.bi + 1 == m && !actComplete;
            if (lastA || lastB) out += "\\ No newline at end of file\n";
        }
        k = end;
    }
    return out;
}

}  // namespace

class TestAsyncioConformance : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(binary()).isExecutable(), qPrintable("no loopscope program at " + binary()));
    }

    void programs_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<QString>("expectedBase");
        const QString root = QStringLiteral(LOOPSCOPE_SOURCE_DIR);
        struct Source {
            QString dir, expectedDir, prefix;
            qsizetype minimum;
        };
        const Source sources[] = {
            {root + "/tests/conformance/cases", root + "/tests/conformance/cases", "cases/", 60},
            {root + "/resources/demos", root + "/tests/conformance/demos", "demos/", 18},
            {root + "/tests/conformance/legacy", root + "/tests/conformance/legacy", "legacy/", 12},
        };
        for (const Source& s : sources) {
            const QStringList files = QDir(s.dir).entryList({QStringLiteral("*.py")}, QDir::Files, QDir::Name);
            QVERIFY2(files.size() >= s.minimum, qPrintable(QString("too few programs in %1: %2").arg(s.dir).arg(files.size())));
            for (const QString& f : files) {
                const QString stem = QFileInfo(f).completeBaseName();
                QTest::newRow(qPrintable(s.prefix + stem)) << QDir(s.dir).filePath(f) << s.expectedDir + "/" + stem;
            }
        }
    }

    void programs()
    {
        QFETCH(QString, script);
        QFETCH(QString, expectedBase);
        bool haveExpected = false;
        QByteArray expectedOut = readFile(expectedBase + ".expected", &haveExpected);
        QVERIFY2(haveExpected, qPrintable("no " + expectedBase + ".expected: run tests/conformance/make_expected.py"));
        bool deliberate = false;
        const QByteArray loopscopeOut = readFile(expectedBase + ".loopscope", &deliberate);
        if (deliberate)
            expectedOut = loopscopeOut;
        const QByteArray expectedErr = readFile(expectedBase + ".stderr");
        const QByteArray exitText = readFile(expectedBase + ".exit").trimmed();
        const bool deadlock = expectsDeadlock(script);
        const int expectedExit = deadlock ? 1 : (exitText.isEmpty() ? 0 : exitText.toInt());

        // Run from the program's folder, as make_expected.py runs CPython.
        const QFileInfo info(script);
        QProcess proc;
        proc.setWorkingDirectory(info.absolutePath());
        proc.start(binary(), {QStringLiteral("run"), info.fileName(), QStringLiteral("--timeout"),
                              QString::fromLatin1(kRunTimeoutSeconds)});
        QVERIFY2(proc.waitForStarted(30000), qPrintable("could not start " + binary() + ": " + proc.errorString()));
        if (!proc.waitForFinished(kWallLimitMs)) {
            proc.kill();
            proc.waitForFinished();
            QFAIL(qPrintable(QString("no exit within %1 s of wall time; stdout so far:\n").arg(kWallLimitMs / 1000) +
                             QString::fromUtf8(proc.readAllStandardOutput())));
        }
        // Like CPython 3.11, loopscope names the script by its absolute path in tracebacks;
        // the expectations name it relative to its folder, so they hold in any checkout.
        QByteArray out = proc.readAllStandardOutput();
        QByteArray err = proc.readAllStandardError();
        for (const QString& dir : {info.absolutePath(), info.canonicalPath()}) {
            out.replace((dir + "/").toUtf8(), "");
            err.replace((dir + "/").toUtf8(), "");
        }
        QVERIFY2(proc.exitStatus() == QProcess::NormalExit, qPrintable("loopscope crashed; stderr:\n" + QString::fromUtf8(err)));

        QByteArray problems;
        if (out != expectedOut) problems += "stdout differs:\n" + unifiedDiff(expectedOut, out);
        if (deadlock) {
            // The report's wording is loopscope's own; only its headline is pinned. Legacy
            // programs may first note the old forms they use.
            QByteArray report = err;
            while (report.contains(": DeprecationWarning: ") && report.indexOf(": DeprecationWarning: ") < report.indexOf('\n'))
                report = report.mid(report.indexOf('\n') + 1);
            if (!report.left(report.indexOf('\n')).toLower().contains("deadlock"))
                problems += "stderr should start with a deadlock report; it is:\n" + err + (err.endsWith('\n') ? "" : "\n");
        } else if (err != expectedErr) {
            problems += "stderr differs:\n" + unifiedDiff(expectedErr, err);
        }
        if (proc.exitCode() != expectedExit)
            problems += "exit status " + QByteArray::number(proc.exitCode()) + ", expected " +
                        QByteArray::number(expectedExit) + "\n";
        if (!problems.isEmpty()) {
            // A wrong stdout is often explained by an error message that was expected too.
            if (out != expectedOut && (deadlock || err == expectedErr) && !err.isEmpty())
                problems += "stderr (as expected) was:\n" + err;
            QFAIL(problems.constData());
        }
    }
};

QTEST_GUILESS_MAIN(TestAsyncioConformance)
#include "test_asyncio_conformance.moc"
