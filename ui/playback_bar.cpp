#include <ui/playback_bar.hpp>

#include <ui/shape_icon.hpp>
#include <ui/timeline_painter.hpp>

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QSlider>
#include <QStyle>
#include <QToolButton>

#include <cmath>

namespace {

constexpr int kScrubberSteps = 100000;

QToolButton* buttonFor(QAction* a, QWidget* parent)
{
    auto* b = new QToolButton(parent);
    b->setDefaultAction(a);
    b->setAutoRaise(true);
    b->setFocusPolicy(Qt::NoFocus);
    return b;
}

}  // namespace

const QList<double>& PlaybackBar::speeds()
{
    static const QList<double> s{0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0};
    return s;
}

PlaybackBar::PlaybackBar(QWidget* parent)
    : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    restart_ = new QAction(shapeIcon(IconShape::SkipBack), tr("Restart"), this);
    restart_->setToolTip(tr("Restart the run"));
    stepBack_ = new QAction(shapeIcon(IconShape::StepBack), tr("Step back"), this);
    stepBack_->setShortcut(QKeySequence(Qt::Key_Left));
    stepBack_->setToolTip(tr("Back to the previous event (Left)"));
    playPause_ = new QAction(shapeIcon(IconShape::Play), tr("Play"), this);
    playPause_->setShortcut(QKeySequence(Qt::Key_Space));
    playPause_->setToolTip(tr("Play / pause (Space)"));
    stepForward_ = new QAction(shapeIcon(IconShape::StepForward), tr("Step"), this);
    stepForward_->setShortcut(QKeySequence(Qt::Key_Right));
    stepForward_->setToolTip(tr("Step to the next event (Right)"));
    for (QAction* a : {restart_, stepBack_, playPause_, stepForward_})
        a->setShortcutContext(Qt::WindowShortcut);

    connect(restart_, &QAction::triggered, this, &PlaybackBar::restartRequested);
    connect(stepBack_, &QAction::triggered, this, &PlaybackBar::stepBack);
    connect(stepForward_, &QAction::triggered, this, &PlaybackBar::stepForward);
    connect(playPause_, &QAction::triggered, this, &PlaybackBar::togglePlay);

    scrubber_ = new QSlider(Qt::Horizontal, this);
    scrubber_->setRange(0, kScrubberSteps);
    scrubber_->setFocusPolicy(Qt::NoFocus);
    scrubber_->setToolTip(tr("Scrub through the recorded run"));
    connect(scrubber_, &QSlider::valueChanged, this, [this](int v) {
        if (settingScrubber_)
            return;
        current_ = duration_ > 0 ? qint64(std::llround(double(v) / kScrubberSteps * double(duration_))) : 0;
        updateLabel();
        emit seekRequested(current_);
    });

    time_ = new QLabel(this);
    time_->setTextFormat(Qt::PlainText);
    time_->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("0000.000 s / 0000.000 s")));
    time_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    speed_ = new QComboBox(this);
    speed_->setFocusPolicy(Qt::NoFocus);
    speed_->setToolTip(tr("Playback speed"));
    for (double s : speeds())
        speed_->addItem(QStringLiteral("%1×").arg(s), s);
    speed_->setCurrentIndex(int(speeds().indexOf(1.0)));
    connect(speed_, &QComboBox::currentIndexChanged, this, [this](int) { emit speedChanged(speed()); });

    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(4, 2, 4, 2);
    row->setSpacing(4);
    row->addWidget(buttonFor(restart_, this));
    row->addWidget(buttonFor(stepBack_, this));
    row->addWidget(buttonFor(playPause_, this));
    row->addWidget(buttonFor(stepForward_, this));
    row->addWidget(scrubber_, 1);
    row->addWidget(time_);
    row->addWidget(speed_);
    updateLabel();
}

void PlaybackBar::togglePlay()
{
    // Flip at once so the button answers; the driver corrects with setPlaying() if it must.
    setPlaying(!playing_);
    if (playing_)
        emit playRequested();
    else
        emit pauseRequested();
}

void PlaybackBar::setPlaying(bool playing)
{
    playing_ = playing;
    playPause_->setText(playing ? tr("Pause") : tr("Play"));
    playPause_->setIcon(shapeIcon(playing ? IconShape::Pause : IconShape::Play));
}

void PlaybackBar::setDuration(qint64 ns)
{
    duration_ = std::max<qint64>(ns, 0);
    updateScrubber();
    updateLabel();
}

void PlaybackBar::setCurrentTime(qint64 ns)
{
    current_ = std::max<qint64>(ns, 0);
    updateScrubber();
    updateLabel();
}

void PlaybackBar::setSpeed(double s)
{
    int best = 0;
    for (int i = 1; i < speeds().size(); ++i)
        if (std::abs(std::log(speeds()[i] / s)) < std::abs(std::log(speeds()[best] / s)))
            best = i;
    const QSignalBlocker block(speed_);
    speed_->setCurrentIndex(best);
}

double PlaybackBar::speed() const
{
    return speed_->currentData().toDouble();
}

QString PlaybackBar::timeText() const
{
    return time_->text();
}

void PlaybackBar::updateScrubber()
{
    settingScrubber_ = true;
    const double frac = duration_ > 0 ? std::clamp(double(current_) / double(duration_), 0.0, 1.0) : 0.0;
    scrubber_->setValue(int(std::lround(frac * kScrubberSteps)));
    settingScrubber_ = false;
}

void PlaybackBar::updateLabel()
{
    // Precision follows the run's length: milliseconds for short runs.
    const qint64 step = duration_ >= 100'000'000'000 ? 100'000'000 : 1'000'000;
    time_->setText(QStringLiteral("%1 / %2").arg(TimelinePainter::formatTime(current_, step),
                                                 TimelinePainter::formatTime(duration_, step)));
}

void PlaybackBar::keyPressEvent(QKeyEvent* e)
{
    // With focus on the bar the keys work even where window shortcuts are not delivered.
    switch (e->key()) {
    case Qt::Key_Space:
        playPause_->trigger();
        return;
    case Qt::Key_Right:
        stepForward_->trigger();
        return;
    case Qt::Key_Left:
        stepBack_->trigger();
        return;
    default:
        QWidget::keyPressEvent(e);
    }
}
