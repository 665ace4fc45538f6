// Runs every tests/script/cases/NAME.py through the interpreter and compares stdout and
// stderr byte for byte with what CPython 3.11 printed (NAME.expected, NAME.expected_stderr;
// regenerate with tests/script/make_expected.py).
#include <script/runtime/interpreter.hpp>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>

#include <sstream>

namespace {

// Captures output; the clock starts at a fixed instant and only time.sleep advances it.
class CaptureHost : public script::Host {
public:
    std::string out, err;
    double now = 1700000000.0;
    double mono = 1000.0;
    void write_stdout(std::string_view t) override { out += t; }
    void write_stderr(std::string_view t) override { err += t; }
    double wall_time() override { return now; }
    double monotonic_time() override { return mono; }
    void blocking_sleep(double s) override
    {
        now += s;
        mono += s;
    }
};

std::string read_file(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    QByteArray b = f.readAll();
    return std::string(b.constData(), static_cast<std::size_t>(b.size()));
}

// The first differing line, with both texts, so a failure says what went wrong.
std::string describe_diff(const std::string& what, const std::string& expected, const std::string& actual)
{
    std::istringstream e(expected), a(actual);
    std::string le, la;
    int line = 1;
    for (;; ++line) {
        bool he = static_cast<bool>(std::getline(e, le));
        bool ha = static_cast<bool>(std::getline(a, la));
        if (!he && !ha) break;
        if (!he || !ha || le != la) {
            return what + " differs at line " + std::to_string(line) + ":\n  expected: " + (he ? le : "<end>") +
                   "\n  actual:   " + (ha ? la : "<end>") + "\n--- expected ---\n" + expected + "--- actual ---\n" + actual;
        }
    }
    return what + " differs (trailing newline)";
}

}  // namespace

class TestConformance : public QObject {
    Q_OBJECT
private slots:
    void cases_data()
    {
        QTest::addColumn<QString>("path");
        QDir dir(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/tests/script/cases"));
        const auto files = dir.entryList({QStringLiteral("*.py")}, QDir::Files, QDir::Name);
        QVERIFY2(files.size() >= 40, "expected at least 40 conformance cases");
        for (const QString& f : files) QTest::newRow(f.toUtf8().constData()) << dir.filePath(f);
    }

    void cases()
    {
        QFETCH(QString, path);
        std::string source = read_file(path);
        QString base = path.left(path.size() - 3);
        std::string expected_out = read_file(base + QStringLiteral(".expected"));
        std::string expected_err = read_file(base + QStringLiteral(".expected_stderr"));
        CaptureHost host;
        {
            script::Interpreter in(host);
            in.run_program(source, QFileInfo(path).fileName().toStdString());
        }
        if (host.out != expected_out) QFAIL(describe_diff("stdout", expected_out, host.out).c_str());
        if (host.err != expected_err) QFAIL(describe_diff("stderr", expected_err, host.err).c_str());
    }
};

QTEST_GUILESS_MAIN(TestConformance)
#include "test_conformance.moc"
