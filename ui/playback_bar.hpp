// PlaybackBar: play/pause (Space), restart, step to the next (Right) or previous (Left)
// event, speed 0.1x..10x, a scrubber over the recorded part of the run and the current
// time. It only asks (signals); whoever drives the run answers with setCurrentTime(),
// setDuration() and setPlaying(). The actions carry the shortcuts so a window can put
// them in its menus. GUI thread only.
#pragma once

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QSlider;
class QToolButton;

class PlaybackBar : public QWidget {
    Q_OBJECT
public:
    explicit PlaybackBar(QWidget* parent = nullptr);

    // The recorded part of the run, in ns (the scrubber's range).
    void setDuration(qint64 ns);
    qint64 duration() const { return duration_; }
    // Moves the scrubber and the label; emits nothing.
    void setCurrentTime(qint64 ns);
    qint64 currentTime() const { return current_; }
    void setPlaying(bool playing);
    bool isPlaying() const { return playing_; }
    // One of the offered speeds (the nearest is chosen); emits nothing.
    void setSpeed(double speed);
    double speed() const;
    static const QList<double>& speeds();

    QAction* playPauseAction() const { return playPause_; }
    QAction* restartAction() const { return restart_; }
    QAction* stepForwardAction() const { return stepForward_; }
    QAction* stepBackAction() const { return stepBack_; }
    QString timeText() const;

signals:
    void playRequested();
    void pauseRequested();
    void restartRequested();
    void stepForward();
    void stepBack();
    void speedChanged(double speed);
    void seekRequested(qint64 ns);

protected:
    void keyPressEvent(QKeyEvent* e) override;

private:
    void togglePlay();
    void updateLabel();
    void updateScrubber();

    QAction* playPause_;
    QAction* restart_;
    QAction* stepForward_;
    QAction* stepBack_;
    QSlider* scrubber_;
    QLabel* time_;
    QComboBox* speed_;
    qint64 duration_ = 0;
    qint64 current_ = 0;
    bool playing_ = false;
    bool settingScrubber_ = false;
};
