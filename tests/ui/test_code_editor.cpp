// The editor: where each live task is (dots in the gutter, in its lane's colour), the
// selected task's line, errors at their line, Python colours, dropped files.
#include <ui/code_editor.hpp>
#include <ui/python_highlighter.hpp>

#include <QApplication>
#include <QMimeData>
#include <QSignalSpy>
#include <QTextBlock>
#include <QTextLayout>
#include <QtTest>

namespace {

const char* const kProgram =
    "import asyncio\n"
    "\n"
    "async def work(n):\n"
    "    await asyncio.sleep(n)  # wait\n"
    "    return n\n"
    "\n"
    "async def main():\n"
    "    print(await asyncio.gather(work(5), work(3)))\n"
    "\n"
    "asyncio.run(main())\n";

// Whether `color` is painted somewhere in the gutter's row for `line`.
bool gutterShows(CodeEditor& e, int line, const QColor& color)
{
    const QImage img = e.gutter()->grab().toImage();
    const qreal dpr = img.devicePixelRatio();
    const QRect r = e.lineRect(line);
    for (int y = int(r.top() * dpr); y < int(r.bottom() * dpr) && y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x) {
            const QColor c = img.pixelColor(x, y);
            if (qAbs(c.red() - color.red()) < 8 && qAbs(c.green() - color.green()) < 8 && qAbs(c.blue() - color.blue()) < 8)
                return true;
        }
    return false;
}

QList<QTextLayout::FormatRange> formatsOfLine(CodeEditor& e, int line)
{
    return e.document()->findBlockByNumber(line - 1).layout()->formats();
}

}  // namespace

class TestCodeEditor : public QObject {
    Q_OBJECT
private slots:
    void liveTasksShowAsDotsOnTheirLines()
    {
        CodeEditor e;
        e.resize(500, 400);
        e.setPlainText(QString::fromLatin1(kProgram));
        e.show();
        QVERIFY(QTest::qWaitForWindowExposed(&e));
        const QColor sleeping(0x00, 0x9e, 0x73), running(0xd5, 0x5e, 0x00);
        QVERIFY(!gutterShows(e, 4, sleeping));
        e.setTaskMarks({{4, sleeping, 2, QStringLiteral("work-5")}, {4, sleeping, 3, QStringLiteral("work-3")},
                        {8, running, 1, QStringLiteral("main")}});
        QVERIFY(gutterShows(e, 4, sleeping));
        QVERIFY(gutterShows(e, 8, running));
        QVERIFY(!gutterShows(e, 8, sleeping));
        QVERIFY(!gutterShows(e, 5, sleeping));
        QCOMPARE(e.marksOnLine(4).size(), 2);
        const QString tip = e.gutterToolTip(4);
        QVERIFY(tip.contains(QStringLiteral("work-5")) && tip.contains(QStringLiteral("work-3")));
        // The tasks moved on: the marks go with them.
        e.setTaskMarks({{5, sleeping, 2, QStringLiteral("work-5")}});
        QVERIFY(!gutterShows(e, 4, sleeping));
        QVERIFY(gutterShows(e, 5, sleeping));
    }

    void theSelectedTasksLineIsTinted()
    {
        CodeEditor e;
        e.setPlainText(QString::fromLatin1(kProgram));
        const QColor lane(0x00, 0x72, 0xb2);
        e.setSelectedLine(8, lane);
        QCOMPARE(e.selectedLine(), 8);
        bool found = false;
        for (const QTextEdit::ExtraSelection& s : e.extraSelections())
            if (s.cursor.blockNumber() == 7 && s.format.background().color().rgb() == lane.rgb())
                found = true;
        QVERIFY(found);
        e.setSelectedLine(0);
        for (const QTextEdit::ExtraSelection& s : e.extraSelections())
            QVERIFY(s.format.background().color().rgb() != lane.rgb());
    }

    void anErrorIsMarkedAtItsLineUntilTheCodeChanges()
    {
        CodeEditor e;
        e.resize(500, 400);
        e.setPlainText(QString::fromLatin1(kProgram));
        e.show();
        QVERIFY(QTest::qWaitForWindowExposed(&e));
        e.setDarkColours(false);
        e.setError(4, 11, QStringLiteral("NameError: name 'asyncio' is not defined"));
        QCOMPARE(e.errorLine(), 4);
        QVERIFY(e.gutterToolTip(4).contains(QStringLiteral("NameError")));
        QVERIFY(gutterShows(e, 4, QColor(0xc0, 0x1c, 0x28)));
        bool wave = false;
        for (const QTextEdit::ExtraSelection& s : e.extraSelections())
            if (s.format.underlineStyle() == QTextCharFormat::WaveUnderline) {
                wave = true;
                QCOMPARE(s.cursor.blockNumber(), 3);
                QCOMPARE(s.cursor.selectionStart() - s.cursor.block().position(), 10);  // column 11
            }
        QVERIFY(wave);
        // An out-of-range line is ignored, never a crash.
        e.setError(999, 1, QStringLiteral("x"));
        QCOMPARE(e.errorLine(), 0);
        e.setError(4, 0, QStringLiteral("again"));
        QTextCursor c(e.document()->findBlockByNumber(0));
        c.insertText(QStringLiteral("# edited\n"));
        QCOMPARE(e.errorLine(), 0);
    }

    void typingPythonKeepsTheIndentation()
    {
        CodeEditor e;
        e.setPlainText(QString());
        QTest::keyClicks(&e, QStringLiteral("async def main():"));
        QTest::keyClick(&e, Qt::Key_Return);
        QTest::keyClicks(&e, QStringLiteral("for i in range(3):  # loop"));
        QTest::keyClick(&e, Qt::Key_Return);
        QTest::keyClicks(&e, QStringLiteral("await asyncio.sleep(i)"));
        QTest::keyClick(&e, Qt::Key_Return);
        QTest::keyClicks(&e, QStringLiteral("x = 1"));
        QCOMPARE(e.toPlainText(), QStringLiteral("async def main():\n    for i in range(3):  # loop\n        await asyncio.sleep(i)\n        x = 1"));
        e.setPlainText(QStringLiteral("ab"));
        e.moveCursor(QTextCursor::End);
        QTest::keyClick(&e, Qt::Key_Tab);
        QCOMPARE(e.toPlainText(), QStringLiteral("ab  "));
    }

    void goToLinePutsTheCursorThere()
    {
        CodeEditor e;
        e.setPlainText(QString::fromLatin1(kProgram));
        e.goToLine(8, 5);
        QCOMPARE(e.textCursor().blockNumber(), 7);
        QCOMPARE(e.textCursor().positionInBlock(), 4);
        e.goToLine(500);
        QCOMPARE(e.textCursor().blockNumber(), e.blockCount() - 1);
    }

    void pythonIsColoured()
    {
        CodeEditor e;
        e.setPlainText(QString::fromLatin1(kProgram));
        auto* h = e.findChild<PythonHighlighter*>();
        QVERIFY(h);
        auto colourAt = [&](int line, int col) {
            for (const QTextLayout::FormatRange& r : formatsOfLine(e, line))
                if (col >= r.start && col < r.start + r.length)
                    return r.format.foreground().color();
            return QColor();
        };
        QCOMPARE(colourAt(3, 0), h->formatFor(QStringLiteral("async")).foreground().color());     // async
        QCOMPARE(colourAt(3, 6), h->formatFor(QStringLiteral("keyword")).foreground().color());   // def
        QCOMPARE(colourAt(3, 10), h->formatFor(QStringLiteral("definition")).foreground().color()); // work
        QCOMPARE(colourAt(4, 4), h->formatFor(QStringLiteral("async")).foreground().color());     // await
        QCOMPARE(colourAt(4, 30), h->formatFor(QStringLiteral("comment")).foreground().color());  // # wait
        QCOMPARE(colourAt(8, 4), h->formatFor(QStringLiteral("builtin")).foreground().color());   // print
        QVERIFY(!colourAt(5, 11).isValid());  // n: a plain name
    }

    void tripleQuotedStringsSpanLines()
    {
        CodeEditor e;
        e.setPlainText(QStringLiteral("x = \"\"\"one\nawait two\nthree\"\"\"\nawait y\n"));
        auto* h = e.findChild<PythonHighlighter*>();
        const QColor str = h->formatFor(QStringLiteral("string")).foreground().color();
        const auto f2 = formatsOfLine(e, 2);
        QVERIFY(!f2.isEmpty());
        QCOMPARE(f2.first().format.foreground().color(), str);
        QCOMPARE(f2.first().length, 9);
        const auto f4 = formatsOfLine(e, 4);
        QCOMPARE(f4.first().format.foreground().color(), h->formatFor(QStringLiteral("async")).foreground().color());
    }

    void darkColoursDiffer()
    {
        CodeEditor e;
        auto* h = e.findChild<PythonHighlighter*>();
        const QColor light = h->formatFor(QStringLiteral("keyword")).foreground().color();
        e.setDarkColours(true);
        QVERIFY(h->isDark());
        QVERIFY(h->formatFor(QStringLiteral("keyword")).foreground().color() != light);
    }

    void aDroppedPythonFileAsksToBeOpened()
    {
        CodeEditor e;
        e.setPlainText(QStringLiteral("pass\n"));
        QSignalSpy spy(&e, &CodeEditor::fileDropped);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(QStringLiteral("/tmp/demo.py"))});
        e.resize(400, 300);
        e.show();
        QVERIFY(QTest::qWaitForWindowExposed(&e));
        const QPoint at(100, 10);
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(e.viewport(), &enter);
        QVERIFY(enter.isAccepted());
        QDragMoveEvent move(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(e.viewport(), &move);
        QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(e.viewport(), &drop);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.first().first().toString(), QStringLiteral("/tmp/demo.py"));
        QCOMPARE(e.toPlainText(), QStringLiteral("pass\n"));  // the path was not pasted
    }
};

QTEST_MAIN(TestCodeEditor)
#include "test_code_editor.moc"
