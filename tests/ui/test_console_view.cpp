// The console: output appears as the playhead passes it, errors jump to their line.
#include <ui/console_view.hpp>

#include <QSignalSpy>
#include <QtTest>

namespace {

constexpr qint64 kSec = 1'000'000'000;

ConsoleEntry output(qint64 t, const QString& text)
{
    ConsoleEntry e;
    e.kind = ConsoleEntry::Kind::Output;
    e.time = t;
    e.text = text;
    return e;
}

}  // namespace

class TestConsoleView : public QObject {
    Q_OBJECT
private slots:
    void outputAppearsAsThePlayheadReachesIt()
    {
        ConsoleView c;
        c.resize(500, 300);
        c.setPlayhead(0);
        c.addEntry(output(0, QStringLiteral("start")));
        c.addEntry(output(2 * kSec, QStringLiteral("two")));
        c.addEntry(output(5 * kSec, QStringLiteral("five")));
        QCOMPARE(c.visibleCount(), 1);
        QVERIFY(c.toPlainText().contains(QStringLiteral("start")));
        QVERIFY(!c.toPlainText().contains(QStringLiteral("two")));
        c.setPlayhead(2 * kSec);
        QCOMPARE(c.visibleCount(), 2);
        QVERIFY(c.toPlainText().contains(QStringLiteral("two")));
        c.setPlayhead(10 * kSec);
        QCOMPARE(c.visibleCount(), 3);
        // Scrubbing back hides what has not happened yet.
        c.setPlayhead(kSec);
        QCOMPARE(c.visibleCount(), 1);
        QVERIFY(!c.toPlainText().contains(QStringLiteral("five")));
        c.setPlayhead(-1);
        QCOMPARE(c.visibleCount(), 3);
    }

    void entriesShowInTimeOrderWhateverOrderTheyArriveIn()
    {
        ConsoleView c;
        ConsoleEntry late = output(3 * kSec, QStringLiteral("deadlock report"));
        late.kind = ConsoleEntry::Kind::Deadlock;
        c.addEntry(late);
        c.addEntry(output(kSec, QStringLiteral("first print")));
        c.addEntry(output(2 * kSec, QStringLiteral("second print")));
        c.addEntry(output(3 * kSec, QStringLiteral("last words")));  // same moment as the report
        ConsoleEntry note;
        note.kind = ConsoleEntry::Kind::Info;
        note.text = QStringLiteral("untimed note");
        c.addEntry(note);
        const QString t = c.toPlainText();
        QVERIFY(t.indexOf(QStringLiteral("first print")) < t.indexOf(QStringLiteral("second print")));
        QVERIFY(t.indexOf(QStringLiteral("second print")) < t.indexOf(QStringLiteral("last words")));
        QVERIFY(t.indexOf(QStringLiteral("last words")) < t.indexOf(QStringLiteral("deadlock report")));
        QVERIFY(t.indexOf(QStringLiteral("deadlock report")) < t.indexOf(QStringLiteral("untimed note")));
        // Clicking still finds the right entry after the reordering.
        QCOMPARE(c.entryAt(c.entryRect(0).center()), 0);
    }

    void eachLineCarriesItsVirtualTime()
    {
        ConsoleView c;
        c.addEntry(output(1'500'000'000, QStringLiteral("hello")));
        const QString text = c.toPlainText();
        QVERIFY2(text.contains(QStringLiteral("1.500 s")), qPrintable(text));
        QVERIFY(text.indexOf(QStringLiteral("1.500 s")) < text.indexOf(QStringLiteral("hello")));
    }

    void untimedEntriesAreAlwaysShown()
    {
        ConsoleView c;
        c.setPlayhead(0);
        ConsoleEntry e;
        e.kind = ConsoleEntry::Kind::Error;
        e.text = QStringLiteral("SyntaxError: invalid syntax");
        e.line = 3;
        c.addEntry(e);
        QCOMPARE(c.visibleCount(), 1);
        QVERIFY(c.toPlainText().contains(QStringLiteral("line 3")));
    }

    void clickingAnErrorJumpsToItsLine()
    {
        ConsoleView c;
        c.resize(600, 300);
        c.show();
        QVERIFY(QTest::qWaitForWindowExposed(&c));
        c.addEntry(output(0, QStringLiteral("plain output")));
        ConsoleEntry err;
        err.kind = ConsoleEntry::Kind::Error;
        err.time = kSec;
        err.text = QStringLiteral("Traceback (most recent call last):\nNameError: name 'x' is not defined");
        err.line = 7;
        err.column = 11;
        c.addEntry(err);
        QSignalSpy spy(&c, &ConsoleView::lineActivated);

        const QRect plain = c.entryRect(0);
        QVERIFY(!plain.isEmpty());
        QTest::mouseClick(c.viewport(), Qt::LeftButton, {}, plain.center());
        QCOMPARE(spy.count(), 0);

        const QRect r = c.entryRect(1);
        QVERIFY(r.height() > plain.height());  // two lines
        QCOMPARE(c.entryAt(r.center()), 1);
        QTest::mouseClick(c.viewport(), Qt::LeftButton, {}, QPoint(r.left() + 40, r.bottom() - 3));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.first().at(0).toInt(), 7);
        QCOMPARE(spy.first().at(1).toInt(), 11);
    }

    void clickingADeadlockSelectsItsTask()
    {
        ConsoleView c;
        c.resize(600, 300);
        c.show();
        QVERIFY(QTest::qWaitForWindowExposed(&c));
        ConsoleEntry d;
        d.kind = ConsoleEntry::Kind::Deadlock;
        d.time = 0;
        d.text = QStringLiteral("Deadlock: no task can make progress.");
        d.task = 42;
        c.addEntry(d);
        QSignalSpy spy(&c, &ConsoleView::taskActivated);
        QTest::mouseClick(c.viewport(), Qt::LeftButton, {}, c.entryRect(0).center());
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.first().first().toUInt(), 42u);
    }

    // Switching theme redraws the lines in the new colours, once (it used to append
    // a second copy of everything).
    void switchingThemeKeepsOneCopyInTheNewColours()
    {
        ConsoleView c;
        c.resize(500, 300);
        ConsoleEntry err;
        err.kind = ConsoleEntry::Kind::Error;
        err.time = kSec;
        err.text = QStringLiteral("ValueError: bad");
        c.addEntry(output(0, QStringLiteral("start")));
        c.addEntry(err);
        const QString before = c.toPlainText();
        auto colourOf = [&c](const QString& word) {
            QTextCursor cur = c.document()->find(word);
            return cur.charFormat().foreground().color();
        };
        const QColor lightError = colourOf(QStringLiteral("ValueError"));
        c.setDarkColours(true);
        QCOMPARE(c.toPlainText(), before);
        QCOMPARE(c.visibleCount(), 2);
        QVERIFY(colourOf(QStringLiteral("ValueError")) != lightError);
        c.setDarkColours(false);
        QCOMPARE(c.toPlainText(), before);
        QCOMPARE(colourOf(QStringLiteral("ValueError")), lightError);
    }

    void clearingStartsOver()
    {
        ConsoleView c;
        c.addEntry(output(0, QStringLiteral("one")));
        c.clearEntries();
        QCOMPARE(c.visibleCount(), 0);
        QVERIFY(c.entries().isEmpty());
        QVERIFY(c.toPlainText().isEmpty());
        c.addEntry(output(0, QStringLiteral("two")));
        QCOMPARE(c.toPlainText().count(QLatin1Char('\n')), 0);  // no blank first line
    }
};

QTEST_MAIN(TestConsoleView)
#include "test_console_view.moc"
