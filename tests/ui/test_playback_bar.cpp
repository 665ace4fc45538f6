// PlaybackBar: keys and controls ask for playback through signals; the scrubber seeks.
#include <ui/playback_bar.hpp>

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QSlider>
#include <QtTest>

class TestPlaybackBar : public QObject {
    Q_OBJECT
private slots:
    void spaceTogglesPlayAndPause()
    {
        PlaybackBar bar;
        QSignalSpy play(&bar, &PlaybackBar::playRequested);
        QSignalSpy pause(&bar, &PlaybackBar::pauseRequested);
        QTest::keyClick(&bar, Qt::Key_Space);
        QCOMPARE(play.count(), 1);
        QVERIFY(bar.isPlaying());
        QCOMPARE(bar.playPauseAction()->text(), QStringLiteral("Pause"));
        QTest::keyClick(&bar, Qt::Key_Space);
        QCOMPARE(pause.count(), 1);
        QVERIFY(!bar.isPlaying());
        // The driver has the last word.
        bar.setPlaying(true);
        QTest::keyClick(&bar, Qt::Key_Space);
        QCOMPARE(pause.count(), 2);
        QCOMPARE(play.count(), 1);
    }

    void arrowsStepAndRestartRestarts()
    {
        PlaybackBar bar;
        QSignalSpy fwd(&bar, &PlaybackBar::stepForward);
        QSignalSpy back(&bar, &PlaybackBar::stepBack);
        QSignalSpy restart(&bar, &PlaybackBar::restartRequested);
        QTest::keyClick(&bar, Qt::Key_Right);
        QTest::keyClick(&bar, Qt::Key_Right);
        QTest::keyClick(&bar, Qt::Key_Left);
        QCOMPARE(fwd.count(), 2);
        QCOMPARE(back.count(), 1);
        QCOMPARE(bar.stepForwardAction()->shortcut(), QKeySequence(Qt::Key_Right));
        QCOMPARE(bar.stepBackAction()->shortcut(), QKeySequence(Qt::Key_Left));
        QCOMPARE(bar.playPauseAction()->shortcut(), QKeySequence(Qt::Key_Space));
        bar.restartAction()->trigger();
        QCOMPARE(restart.count(), 1);
    }

    void speedSelectorOffersTenthToTenTimes()
    {
        PlaybackBar bar;
        QSignalSpy speed(&bar, &PlaybackBar::speedChanged);
        auto* combo = bar.findChild<QComboBox*>();
        QVERIFY(combo);
        QCOMPARE(bar.speed(), 1.0);
        QCOMPARE(combo->itemData(0).toDouble(), 0.1);
        QCOMPARE(combo->itemData(combo->count() - 1).toDouble(), 10.0);
        combo->setCurrentIndex(combo->findData(2.0));
        QCOMPARE(speed.count(), 1);
        QCOMPARE(speed.first().first().toDouble(), 2.0);
        bar.setSpeed(0.3);  // nearest offered speed, silently
        QCOMPARE(bar.speed(), 0.25);
        QCOMPARE(speed.count(), 1);
    }

    void scrubberSeeksOverTheRecordedDuration()
    {
        PlaybackBar bar;
        QSignalSpy seek(&bar, &PlaybackBar::seekRequested);
        bar.setDuration(5'000'000'000);
        bar.setCurrentTime(1'250'000'000);
        QCOMPARE(seek.count(), 0);  // the driver moving time does not seek
        QCOMPARE(bar.timeText(), QStringLiteral("1.250 s / 5.000 s"));
        auto* slider = bar.findChild<QSlider*>();
        QCOMPARE(slider->value(), slider->maximum() / 4);
        slider->setValue(slider->maximum() / 2);
        QCOMPARE(seek.count(), 1);
        QCOMPARE(seek.first().first().toLongLong(), qint64(2'500'000'000));
        QCOMPARE(bar.currentTime(), qint64(2'500'000'000));
        QCOMPARE(bar.timeText(), QStringLiteral("2.500 s / 5.000 s"));
    }
};

QTEST_MAIN(TestPlaybackBar)
#include "test_playback_bar.moc"
