#include <qt/loop_thread.hpp>

#include <QThread>

#include <exception>

namespace aio_qt {

LoopThread::LoopThread(QObject* parent) : QObject(parent) {}

LoopThread::~LoopThread() { quit(); }

bool LoopThread::start(ClockKind clock, Setup setup, bool paused)
{
    if (thread_)
        return false;
    thread_ = std::make_unique<QThread>();
    thread_->setObjectName(QStringLiteral("loopscope-loop"));
    context_ = new QObject;
    context_->moveToThread(thread_.get());
    thread_->start();

    QMetaObject::invokeMethod(
        context_,
        [this, clock, setup = std::move(setup), paused] {
            loop_ = clock == ClockKind::Virtual ? aio::EventLoop::with_virtual_clock() : aio::EventLoop::with_real_clock();
            auto* d = new LoopDriver(*loop_);
            // Signal to signal: `this` lives on the owner thread, so these are queued there.
            connect(d, &LoopDriver::currentTimeChanged, this, &LoopThread::currentTimeChanged);
            connect(d, &LoopDriver::playingChanged, this, &LoopThread::playingChanged);
            connect(d, &LoopDriver::speedChanged, this, &LoopThread::speedChanged);
            connect(d, &LoopDriver::stepFinished, this, &LoopThread::stepFinished);
            connect(d, &LoopDriver::deadlocked, this, &LoopThread::deadlocked);
            // The outcome is read here, on the worker, and carried over by value.
            connect(d, &LoopDriver::finished, d, [this, d] {
                const LoopDriver::Outcome outcome = d->outcome();
                QMetaObject::invokeMethod(
                    this,
                    [this, outcome] {
                        finished_ = true;
                        outcome_ = outcome;
                        emit finished(outcome);
                    },
                    Qt::QueuedConnection);
            });
            driver_.store(d, std::memory_order_release);
            try {
                if (setup)
                    setup(*loop_, *d);
                if (paused)
                    d->startPaused();
                else
                    d->start();
            } catch (const std::exception& e) {
                const QString message = QString::fromUtf8(e.what());
                QMetaObject::invokeMethod(this, [this, message] { emit setupFailed(message); }, Qt::QueuedConnection);
            } catch (...) {
                QMetaObject::invokeMethod(this, [this] { emit setupFailed(QStringLiteral("unknown exception")); }, Qt::QueuedConnection);
            }
        },
        Qt::QueuedConnection);
    return true;
}

void LoopThread::toDriver(std::function<void(LoopDriver&)> fn)
{
    if (!context_)
        return;
    QMetaObject::invokeMethod(
        context_,
        [this, fn = std::move(fn)] {
            if (LoopDriver* d = driver_.load(std::memory_order_relaxed))
                fn(*d);
        },
        Qt::QueuedConnection);
}

void LoopThread::play() { toDriver([](LoopDriver& d) { d.play(); }); }
void LoopThread::pause() { toDriver([](LoopDriver& d) { d.pause(); }); }
void LoopThread::setSpeed(double speed) { toDriver([speed](LoopDriver& d) { d.setSpeed(speed); }); }
void LoopThread::stepToNextEvent() { toDriver([](LoopDriver& d) { d.stepToNextEvent(); }); }
void LoopThread::runToEnd() { toDriver([](LoopDriver& d) { d.runToEnd(); }); }
void LoopThread::stop() { toDriver([](LoopDriver& d) { d.stop(); }); }

void LoopThread::setFrameInterval(std::chrono::milliseconds interval)
{
    toDriver([interval](LoopDriver& d) { d.setFrameInterval(interval); });
}

void LoopThread::post(Job job)
{
    toDriver([this, job = std::move(job)](LoopDriver& d) { job(*loop_, d); });
}

void LoopThread::quit()
{
    if (!thread_)
        return;
    thread_->requestInterruption();
    QMetaObject::invokeMethod(
        context_,
        [this] {
            // The driver first: it leaves the loop before the loop is destroyed.
            delete driver_.exchange(nullptr, std::memory_order_acq_rel);
            loop_.reset();
            QThread::currentThread()->quit();
        },
        Qt::QueuedConnection);
    thread_->wait();
    delete context_;
    context_ = nullptr;
    thread_.reset();
}

qint64 LoopThread::currentTime() const
{
    const LoopDriver* d = driver_.load(std::memory_order_acquire);
    return d ? d->currentTime() : 0;
}

bool LoopThread::isPlaying() const
{
    const LoopDriver* d = driver_.load(std::memory_order_acquire);
    return d && d->isPlaying();
}

double LoopThread::speed() const
{
    const LoopDriver* d = driver_.load(std::memory_order_acquire);
    return d ? d->speed() : 1.0;
}

}  // namespace aio_qt
