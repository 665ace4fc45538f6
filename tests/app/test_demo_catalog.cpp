// The demo catalogue: every built-in demo has a title and a one-sentence lesson, read from
// its header comment.
#include <app/demo_catalog.hpp>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

class TestDemoCatalog : public QObject {
    Q_OBJECT
private slots:
    void keyedHeaderGivesTitleAndLesson()
    {
        const Demo d = DemoCatalog::parse(QStringLiteral("19_deadlock"),
                                          QStringLiteral("# Title: Deadlock with two locks\n"
                                                         "# Lesson: Two tasks that take the same two locks in opposite order\n"
                                                         "#   wait forever.\n"
                                                         "# Expect: deadlock\n"
                                                         "import asyncio\n"));
        QCOMPARE(d.title, QStringLiteral("Deadlock with two locks"));
        QCOMPARE(d.lesson, QStringLiteral("Two tasks that take the same two locks in opposite order wait forever."));
        QCOMPARE(d.expect, QStringLiteral("deadlock"));
        QCOMPARE(d.name, QStringLiteral("19_deadlock"));
    }

    void plainCommentHeaderWorksToo()
    {
        const Demo d = DemoCatalog::parse(QStringLiteral("gather"),
                                          QStringLiteral("#!/usr/bin/env python3\n"
                                                         "# Three sleepers in parallel.\n"
                                                         "#\n"
                                                         "# gather() runs the sleeps at the same time,\n"
                                                         "# so 5 + 3 + 4 s take 5 s.\n"
                                                         "#\n"
                                                         "# (a second paragraph that is not the lesson)\n"
                                                         "import asyncio\n"));
        QCOMPARE(d.title, QStringLiteral("Three sleepers in parallel"));
        QCOMPARE(d.lesson, QStringLiteral("gather() runs the sleeps at the same time, so 5 + 3 + 4 s take 5 s."));
    }

    void aDocstringHeaderWorksToo()
    {
        const Demo d = DemoCatalog::parse(QStringLiteral("x"), QStringLiteral("\"\"\"Title: Queues\nLesson: put() waits when full.\n\"\"\"\n"));
        QCOMPARE(d.title, QStringLiteral("Queues"));
        QCOMPARE(d.lesson, QStringLiteral("put() waits when full."));
    }

    void noHeaderFallsBackToTheFileName()
    {
        const Demo d = DemoCatalog::parse(QStringLiteral("07_cancel_on_interrupt"), QStringLiteral("import asyncio\n"));
        QCOMPARE(d.title, QStringLiteral("Cancel on interrupt"));
        QVERIFY(d.lesson.isEmpty());
    }

    void loadsAFolderInFileNameOrder()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto write = [&](const QString& name, const QByteArray& text) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        };
        write(QStringLiteral("02_b.py"), "# Title: B\n# Lesson: second.\n");
        write(QStringLiteral("01_a.py"), "# Title: A\n# Lesson: first.\n");
        write(QStringLiteral("notes.txt"), "not a demo");
        const QList<Demo> demos = DemoCatalog::load(dir.path());
        QCOMPARE(demos.size(), 2);
        QCOMPARE(demos[0].title, QStringLiteral("A"));
        QCOMPARE(demos[1].title, QStringLiteral("B"));
        QCOMPARE(demos[1].path, dir.filePath(QStringLiteral("02_b.py")));
        QCOMPARE(DemoCatalog::find(demos, QStringLiteral("02_b.py")).title, QStringLiteral("B"));
        QCOMPARE(DemoCatalog::find(demos, QStringLiteral("a")).title, QStringLiteral("A"));
        QVERIFY(DemoCatalog::find(demos, QStringLiteral("zzz")).path.isEmpty());
    }

    void everyBuiltInDemoHasATitleAndALesson()
    {
        const QList<Demo> demos = DemoCatalog::load();
        // Whatever is in resources/demos is in the build.
        const QStringList files = QDir(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/resources/demos")).entryList({QStringLiteral("*.py")}, QDir::Files);
        QCOMPARE(demos.size(), files.size());
        for (const Demo& d : demos) {
            QVERIFY2(!d.title.isEmpty(), qPrintable(d.name));
            QVERIFY2(!d.lesson.isEmpty(), qPrintable(d.name + QStringLiteral(": no lesson")));
            QVERIFY2(!d.lesson.contains(QStringLiteral("Expect:")), qPrintable(d.name));
            QVERIFY2(d.path.startsWith(QStringLiteral(":/demos/")), qPrintable(d.path));
            QVERIFY(d.source.contains(QStringLiteral("asyncio")));
        }
    }
};

QTEST_GUILESS_MAIN(TestDemoCatalog)
#include "test_demo_catalog.moc"
