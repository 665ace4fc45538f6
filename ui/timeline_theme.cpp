#include <ui/timeline_theme.hpp>

using aio::WaitKind;

WaitCategory waitCategory(WaitKind kind)
{
    switch (kind) {
    case WaitKind::sleep:
    case WaitKind::yield:
        return WaitCategory::Sleep;
    case WaitKind::lock:
    case WaitKind::semaphore:
        return WaitCategory::Lock;
    case WaitKind::event:
    case WaitKind::condition:
        return WaitCategory::Event;
    case WaitKind::queue_get:
    case WaitKind::queue_put:
        return WaitCategory::Queue;
    case WaitKind::task:
    case WaitKind::gather:
    case WaitKind::wait:
    case WaitKind::future:
        return WaitCategory::Task;
    case WaitKind::thread:
        return WaitCategory::Thread;
    case WaitKind::none:
    case WaitKind::timeout:
    case WaitKind::external:
        break;
    }
    return WaitCategory::Other;
}

QString waitCategoryName(WaitCategory c)
{
    switch (c) {
    case WaitCategory::Sleep: return QStringLiteral("sleep");
    case WaitCategory::Lock: return QStringLiteral("lock / semaphore");
    case WaitCategory::Event: return QStringLiteral("event / condition");
    case WaitCategory::Queue: return QStringLiteral("queue");
    case WaitCategory::Task: return QStringLiteral("task / gather / wait");
    case WaitCategory::Thread: return QStringLiteral("thread");
    case WaitCategory::Other: break;
    }
    return QStringLiteral("other");
}

QString waitKindName(WaitKind kind)
{
    switch (kind) {
    case WaitKind::none: return QStringLiteral("something");
    case WaitKind::yield: return QStringLiteral("yield");
    case WaitKind::sleep: return QStringLiteral("sleep");
    case WaitKind::future: return QStringLiteral("future");
    case WaitKind::task: return QStringLiteral("task");
    case WaitKind::gather: return QStringLiteral("gather");
    case WaitKind::wait: return QStringLiteral("wait");
    case WaitKind::lock: return QStringLiteral("lock");
    case WaitKind::semaphore: return QStringLiteral("semaphore");
    case WaitKind::event: return QStringLiteral("event");
    case WaitKind::condition: return QStringLiteral("condition");
    case WaitKind::queue_get: return QStringLiteral("queue get");
    case WaitKind::queue_put: return QStringLiteral("queue put");
    case WaitKind::thread: return QStringLiteral("thread");
    case WaitKind::timeout: return QStringLiteral("timeout");
    case WaitKind::external: return QStringLiteral("external");
    }
    return QStringLiteral("something");
}

namespace {

QColor mix(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

void setWaits(TimelineTheme& th, const QColor (&hues)[kWaitCategoryCount], double fillStrength)
{
    // Each category has its own hatch direction, so two waits read apart in greyscale.
    const Qt::BrushStyle patterns[kWaitCategoryCount] = {
        Qt::BDiagPattern,     // sleep
        Qt::DiagCrossPattern, // lock / semaphore
        Qt::HorPattern,       // event / condition
        Qt::VerPattern,       // queue
        Qt::FDiagPattern,     // task / gather / wait
        Qt::CrossPattern,     // thread
        Qt::Dense6Pattern,    // other
    };
    for (int i = 0; i < kWaitCategoryCount; ++i) {
        th.wait[i] = hues[i];
        th.waitFill[i] = mix(th.background, hues[i], fillStrength);
        th.waitPattern[i] = patterns[i];
    }
}

}  // namespace

TimelineTheme TimelineTheme::light()
{
    TimelineTheme th;
    th.isDark = false;
    th.background = QColor(0xff, 0xff, 0xff);
    th.headerBackground = QColor(0xf3, 0xf4, 0xf6);
    th.laneAlternate = QColor(0xf7, 0xf8, 0xfa);
    th.selection = QColor(0xdc, 0xe9, 0xfb);
    th.gutterText = QColor(0x1f, 0x23, 0x28);
    th.dimText = QColor(0x6a, 0x73, 0x7d);
    th.grid = QColor(0xe3, 0xe6, 0xea);
    th.axisText = QColor(0x44, 0x4c, 0x56);
    th.running = QColor(0x00, 0x72, 0xb2);       // Okabe–Ito blue
    th.ready = QColor(0x8a, 0x6a, 0x00);         // dark gold outline
    th.readyFill = QColor(0xfb, 0xf3, 0xd0);
    th.blocked = QColor(0xd5, 0x5e, 0x00);       // vermillion
    th.blockedHatch = QColor(0x5a, 0x1e, 0x00);
    th.callback = QColor(0x7f, 0x8c, 0x99);
    th.loopIdle = QColor(0xee, 0xf0, 0xf3);
    const QColor hues[kWaitCategoryCount] = {
        QColor(0x3a, 0x9a, 0xd9),  // sleep: sky blue
        QColor(0xb8, 0x4f, 0x93),  // lock / semaphore: reddish purple
        QColor(0x00, 0x8a, 0x65),  // event / condition: bluish green
        QColor(0xc7, 0x7c, 0x00),  // queue: orange
        QColor(0x6b, 0x6b, 0x6b),  // task / gather / wait: grey
        QColor(0x5b, 0x3f, 0x9e),  // thread: violet
        QColor(0x99, 0x99, 0x99),  // other
    };
    setWaits(th, hues, 0.18);
    th.done = QColor(0x00, 0x8a, 0x65);
    th.cancelled = QColor(0x6a, 0x73, 0x7d);
    th.timedOut = QColor(0xc7, 0x7c, 0x00);
    th.failed = QColor(0xc0, 0x1c, 0x1c);
    th.arrow = QColor(0x33, 0x33, 0x33, 0xb0);
    th.playhead = QColor(0xe0, 0x1b, 0x5a);
    th.future = QColor(0x80, 0x80, 0x80, 0x30);
    th.waiters = QColor(0xc0, 0x1c, 0x1c);
    th.print = QColor(0x44, 0x4c, 0x56);
    return th;
}

TimelineTheme TimelineTheme::dark()
{
    TimelineTheme th;
    th.isDark = true;
    th.background = QColor(0x1b, 0x1e, 0x23);
    th.headerBackground = QColor(0x24, 0x28, 0x2e);
    th.laneAlternate = QColor(0x20, 0x24, 0x29);
    th.selection = QColor(0x23, 0x3a, 0x57);
    th.gutterText = QColor(0xe6, 0xe8, 0xeb);
    th.dimText = QColor(0x9a, 0xa3, 0xad);
    th.grid = QColor(0x33, 0x38, 0x3f);
    th.axisText = QColor(0xc4, 0xca, 0xd1);
    th.running = QColor(0x4d, 0xa6, 0xe8);
    th.ready = QColor(0xe6, 0xc2, 0x4a);
    th.readyFill = QColor(0x3a, 0x34, 0x1c);
    th.blocked = QColor(0xf0, 0x70, 0x2a);
    th.blockedHatch = QColor(0x2a, 0x0c, 0x00);
    th.callback = QColor(0x8c, 0x96, 0xa1);
    th.loopIdle = QColor(0x26, 0x2a, 0x30);
    const QColor hues[kWaitCategoryCount] = {
        QColor(0x6c, 0xc3, 0xf5),  // sleep
        QColor(0xe0, 0x8c, 0xc4),  // lock / semaphore
        QColor(0x3c, 0xc9, 0x9c),  // event / condition
        QColor(0xf2, 0xa8, 0x3a),  // queue
        QColor(0xb4, 0xb4, 0xb4),  // task / gather / wait
        QColor(0xa9, 0x8d, 0xe8),  // thread
        QColor(0x88, 0x88, 0x88),  // other
    };
    setWaits(th, hues, 0.22);
    th.done = QColor(0x3c, 0xc9, 0x9c);
    th.cancelled = QColor(0xa0, 0xa8, 0xb2);
    th.timedOut = QColor(0xf2, 0xa8, 0x3a);
    th.failed = QColor(0xff, 0x5c, 0x5c);
    th.arrow = QColor(0xe0, 0xe0, 0xe0, 0xa0);
    th.playhead = QColor(0xff, 0x4d, 0x8a);
    th.future = QColor(0x00, 0x00, 0x00, 0x50);
    th.waiters = QColor(0xff, 0x5c, 0x5c);
    th.print = QColor(0xc4, 0xca, 0xd1);
    return th;
}

TimelineTheme TimelineTheme::byName(const QString& name)
{
    return name.compare(QLatin1String("dark"), Qt::CaseInsensitive) == 0 ? dark() : light();
}

QColor TimelineTheme::resourceLine(aio::ResourceKind k) const
{
    switch (k) {
    case aio::ResourceKind::event:
    case aio::ResourceKind::condition:
        return wait[int(WaitCategory::Event)];
    case aio::ResourceKind::queue:
    case aio::ResourceKind::priority_queue:
    case aio::ResourceKind::lifo_queue:
        return wait[int(WaitCategory::Queue)];
    case aio::ResourceKind::thread_pool:
        return wait[int(WaitCategory::Thread)];
    case aio::ResourceKind::future:
        return wait[int(WaitCategory::Task)];
    case aio::ResourceKind::lock:
    case aio::ResourceKind::semaphore:
    case aio::ResourceKind::bounded_semaphore:
        break;
    }
    return wait[int(WaitCategory::Lock)];
}

QColor TimelineTheme::resourceFill(aio::ResourceKind k) const
{
    return mix(background, resourceLine(k), isDark ? 0.45 : 0.4);
}
