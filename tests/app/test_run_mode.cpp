// The window's run modes: Replay, Live on paced virtual time, Live on the wall clock. The
// Run menu and the toolbar say which is on and switch it, the choice is remembered, a live
// run takes the playback controls it cannot offer (saying why) and gives them back when it
// ends, and switching modes between runs just works. With LOOPSCOPE_LIVE_SHOTS set to a
// folder, it saves screenshots of the window in the middle of a live run there.
#include <app/live_script_runner.hpp>
#include <app/main_window.hpp>

#include <ui/console_view.hpp>
#include <ui/playback_bar.hpp>
#include <ui/timeline_widget.hpp>

#include <QAction>
#include <QComboBox>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QToolButton>
#include <QtTest>

namespace {

constexpr qint64 kSec = 1'000'000'000;
constexpr int kLong = 60'000;  // ms: only a hang takes this long

// Three workers on a semaphore of two, a few seconds of virtual time.
const char* const kPool =
    "import asyncio\n"
    "\n"
    "async def fetch(i, sem):\n"
    "    async with sem:\n"
    "        await asyncio.sleep(1 + i % 3)\n"
    "        print('fetched', i)\n"
    "\n"
    "async def main():\n"
    "    sem = asyncio.Semaphore(2)\n"
    "    await asyncio.gather(*(asyncio.create_task(fetch(i, sem), name=f'fetch-{i}') for i in range(5)))\n"
    "\n"
    "asyncio.run(main())\n";

const char* const kForever =
    "import asyncio\n"
    "\n"
    "async def beat(name, period):\n"
    "    while True:\n"
    "        await asyncio.sleep(period)\n"
    "\n"
    "async def main():\n"
    "    await asyncio.gather(asyncio.create_task(beat('slow', 3), name='slow'),\n"
    "                         asyncio.create_task(beat('fast', 1), name='fast'))\n"
    "\n"
    "asyncio.run(main())\n";

bool runAndWait(MainWindow& w)
{
    w.run();
    return QTest::qWaitFor([&] { return !w.session()->isRunning(); }, kLong);
}

QAction* modeAction(MainWindow& w, RunSession::RunMode mode)
{
    for (QAction* a : w.runModeActions())
        if (a->data().toInt() == int(mode))
            return a;
    return nullptr;
}

void saveShot(QWidget& w, const QString& name)
{
    const QString dir = qEnvironmentVariable("LOOPSCOPE_LIVE_SHOTS");
    if (dir.isEmpty())
        return;
    QCoreApplication::processEvents();
    w.grab().save(dir + QLatin1Char('/') + name);
}

}  // namespace

class TestRunMode : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("LoopscopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("RunModeTest"));
        QSettings().clear();
    }

    void cleanupTestCase() { QSettings().clear(); }

    void theRunMenuOffersTheModesAndRemembersTheChoice()
    {
        QSettings().clear();
        {
            MainWindow w;
            QCOMPARE(w.runMode(), RunSession::RunMode::Replay);
            const QList<QAction*> modes = w.runModeActions();
            QCOMPARE(modes.size(), 3);
            for (QAction* a : modes) {
                QVERIFY(a->isCheckable());
                QVERIFY(w.allActions().contains(a));  // in the Run menu
                QVERIFY(!a->statusTip().isEmpty());
            }
            QVERIFY(modes[0]->isChecked());
            QCOMPARE(w.runModeButton()->text(), QStringLiteral("Replay"));
            if (!RunSession::canRunLive()) {
                QVERIFY(!modes[1]->isEnabled());
                QSKIP("this build cannot run programs live");
            }
            modes[1]->trigger();
            QCOMPARE(w.runMode(), RunSession::RunMode::LivePaced);
            QVERIFY(modes[1]->isChecked());
            QVERIFY(!modes[0]->isChecked());  // one at a time
            QCOMPARE(w.runModeButton()->text(), QStringLiteral("Live"));
        }
        {
            MainWindow w;  // a new session starts in the mode last chosen
            QCOMPARE(w.runMode(), RunSession::RunMode::LivePaced);
            QVERIFY(modeAction(w, RunSession::RunMode::LivePaced)->isChecked());
            modeAction(w, RunSession::RunMode::LiveWallClock)->trigger();
            QVERIFY(w.runModeButton()->text().contains(QStringLiteral("wall clock")));
        }
        {
            MainWindow w;
            QCOMPARE(w.runMode(), RunSession::RunMode::LiveWallClock);
            w.setRunMode(RunSession::RunMode::Replay);
        }
        MainWindow w;
        QCOMPARE(w.runMode(), RunSession::RunMode::Replay);
    }

    // A live paced run: restart, step back and the scrubber wait for its end; then the
    // recording is replayed as after any run.
    void aLiveRunOwnsThePlaybackControlsUntilItEnds()
    {
        if (!RunSession::canRunLive())
            QSKIP("this build cannot run programs live");
        QSettings().clear();
        MainWindow w;
        w.setRunMode(RunSession::RunMode::LivePaced);
        w.session()->setSpeed(2);
        PlaybackBar* bar = w.playbackBar();
        const QString restartTip = bar->restartAction()->toolTip();
        w.setSource(QString::fromLatin1(kPool), QStringLiteral("pool.py"));
        w.run();
        QVERIFY(w.session()->isLive());
        QVERIFY(!bar->restartAction()->isEnabled());
        QVERIFY(!bar->stepBackAction()->isEnabled());
        QVERIFY(!bar->findChild<QSlider*>()->isEnabled());
        QVERIFY(bar->restartAction()->toolTip().contains(QStringLiteral("live")));
        QVERIFY(bar->playPauseAction()->isEnabled());
        QVERIFY(bar->stepForwardAction()->isEnabled());
        QVERIFY(bar->findChild<QComboBox*>()->isEnabled());
        QVERIFY(w.summaryText().contains(QStringLiteral("live")));
        QTRY_VERIFY_WITH_TIMEOUT(!w.session()->isRunning(), kLong);
        QCOMPARE(w.session()->outcome(), RunOutcome::Finished);
        QVERIFY(bar->restartAction()->isEnabled());
        QVERIFY(bar->stepBackAction()->isEnabled());
        QVERIFY(bar->findChild<QSlider*>()->isEnabled());
        QCOMPARE(bar->restartAction()->toolTip(), restartTip);
        QVERIFY(w.console()->toPlainText().contains(QStringLiteral("fetched 4")));
        QCOMPARE(bar->duration(), w.session()->model()->endTime() - w.session()->model()->startTime());
        // Replayable now.
        bar->restartAction()->trigger();
        QVERIFY(w.session()->isPlaying());
        QVERIFY(w.session()->playhead() < w.session()->model()->endTime());
    }

    void aWallClockRunCannotBePausedAndSaysWhy()
    {
        if (!RunSession::canRunLive())
            QSKIP("this build cannot run programs live");
        QSettings().clear();
        MainWindow w;
        modeAction(w, RunSession::RunMode::LiveWallClock)->trigger();
        PlaybackBar* bar = w.playbackBar();
        w.setSource(QString::fromLatin1(kForever), QStringLiteral("forever.py"));
        w.run();
        QVERIFY(w.session()->isRealTime());
        for (QAction* a : {bar->playPauseAction(), bar->stepForwardAction(), bar->restartAction()}) {
            QVERIFY2(!a->isEnabled(), qPrintable(a->text()));
            QVERIFY(!a->toolTip().isEmpty());
        }
        QVERIFY(bar->playPauseAction()->toolTip().contains(QStringLiteral("wall-clock")));
        QVERIFY(!bar->findChild<QComboBox*>()->isEnabled());
        QVERIFY(bar->findChild<QComboBox*>()->toolTip().contains(QStringLiteral("wall-clock")));
        bar->playPauseAction()->trigger();  // disabled: nothing happens
        QVERIFY(w.session()->isPlaying());
        QTRY_VERIFY_WITH_TIMEOUT(w.session()->model()->eventCount() > 10, kLong);
        w.stopRun();
        QTRY_VERIFY_WITH_TIMEOUT(!w.session()->isRunning(), kLong);
        QCOMPARE(w.session()->outcome(), RunOutcome::Stopped);
        QVERIFY(bar->playPauseAction()->isEnabled());
        QVERIFY(bar->findChild<QComboBox*>()->isEnabled());
        QVERIFY(!bar->findChild<QComboBox*>()->toolTip().contains(QStringLiteral("wall-clock")));
    }

    void switchingModesBetweenRuns()
    {
        if (!RunSession::canRunLive())
            QSKIP("this build cannot run programs live");
        QSettings().clear();
        MainWindow w;
        w.setSource(QString::fromLatin1(kPool), QStringLiteral("pool.py"));
        w.session()->setSpeed(10);
        std::size_t events[2] = {0, 0};
        qint64 ends[2] = {0, 0};
        const RunSession::RunMode modes[2] = {RunSession::RunMode::LivePaced, RunSession::RunMode::Replay};
        for (int i = 0; i < 2; ++i) {
            modeAction(w, modes[i])->trigger();
            QVERIFY(runAndWait(w));
            QCOMPARE(w.session()->outcome(), RunOutcome::Finished);
            events[i] = w.session()->model()->eventCount();
            ends[i] = w.session()->model()->endTime();
        }
        QCOMPARE(events[0], events[1]);
        QCOMPARE(ends[0], ends[1]);
        QCOMPARE(ends[1] - w.session()->model()->startTime(), 5 * kSec);  // as under python3
        // Switching while a run is live changes the next run, not this one.
        modeAction(w, RunSession::RunMode::LivePaced)->trigger();
        w.setSource(QString::fromLatin1(kForever), QStringLiteral("forever.py"));
        w.run();
        modeAction(w, RunSession::RunMode::LiveWallClock)->trigger();
        QVERIFY(w.session()->isLive());
        QVERIFY(!w.session()->isRealTime());
        w.stopRun();
        QTRY_VERIFY_WITH_TIMEOUT(!w.session()->isRunning(), kLong);
        w.setSource(QStringLiteral("import asyncio\n\nasync def main():\n    await asyncio.sleep(0.1)\n    print('real')\n\nasyncio.run(main())\n"),
                    QStringLiteral("real.py"));
        w.run();
        QVERIFY(w.session()->isRealTime());
        QTRY_VERIFY_WITH_TIMEOUT(!w.session()->isRunning(), kLong);
        QCOMPARE(w.session()->outcome(), RunOutcome::Finished);
        QTRY_VERIFY(w.console()->toPlainText().contains(QStringLiteral("real")));
    }

    // The timeline of a live run grows with the program's clock, without refitting every frame.
    void theLiveTimelineGrowsWithTheClock()
    {
        if (!RunSession::canRunLive())
            QSKIP("this build cannot run programs live");
        QSettings().clear();
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setRunMode(RunSession::RunMode::LivePaced);
        w.session()->setSpeed(5);
        w.setSource(QString::fromLatin1(kForever), QStringLiteral("forever.py"));
        w.run();
        TimelineWidget* tl = w.timeline();
        QTRY_VERIFY_WITH_TIMEOUT(w.session()->playhead() > 1 * kSec, kLong);
        saveShot(w, QStringLiteral("live-1.png"));
        const qint64 start = w.session()->model()->startTime();
        QCOMPARE(tl->visibleFrom(), start);
        const qint64 span = tl->visibleTo() - start;
        QVERIFY(w.session()->playhead() < tl->visibleTo());
        QTRY_VERIFY_WITH_TIMEOUT(w.session()->playhead() > start + span, kLong);
        // The view doubled to keep the playhead in it.
        QCOMPARE(tl->visibleFrom(), start);
        QVERIFY(tl->visibleTo() - start >= 2 * span);
        QVERIFY(w.session()->playhead() < tl->visibleTo());
        saveShot(w, QStringLiteral("live-2.png"));
        w.session()->pause();
        QTRY_VERIFY_WITH_TIMEOUT(!w.session()->isPlaying(), kLong);
        saveShot(w, QStringLiteral("live-paused.png"));
        w.session()->play();
        QTest::qWait(600);
        saveShot(w, QStringLiteral("live-3.png"));
        w.stopRun();
        QTRY_VERIFY_WITH_TIMEOUT(!w.session()->isRunning(), kLong);
        saveShot(w, QStringLiteral("live-stopped.png"));
        if (!qEnvironmentVariableIsEmpty("LOOPSCOPE_LIVE_SHOTS")) {
            for (QAction* a : w.menuBar()->actions())
                if (a->text() == QStringLiteral("&Run")) {
                    a->menu()->popup(w.mapToGlobal(QPoint(40, 30)));
                    QVERIFY(QTest::qWaitForWindowExposed(a->menu()));
                    saveShot(*a->menu(), QStringLiteral("live-run-menu.png"));
                    a->menu()->hide();
                }
        }
        modeAction(w, RunSession::RunMode::LiveWallClock)->trigger();
        w.run();
        QTRY_VERIFY_WITH_TIMEOUT(w.session()->model()->eventCount() > 0 && w.session()->playhead() - w.session()->model()->startTime() > 1500'000'000,
                                 kLong);
        saveShot(w, QStringLiteral("live-wallclock.png"));
        w.stopRun();
        QTRY_VERIFY_WITH_TIMEOUT(!w.session()->isRunning(), kLong);
    }
};

QTEST_MAIN(TestRunMode)
#include "test_run_mode.moc"
