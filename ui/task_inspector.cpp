#include <ui/task_inspector.hpp>

#include <ui/timeline_painter.hpp>

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace {

// Long-running tasks can have thousands of steps; the inspector lists the latest ones.
constexpr std::size_t kMaxHistory = 1000;

QString objectName(const TimelineModel& m, aio::ObjectId id)
{
    if (id == 0)
        return {};
    if (m.task(id))
        return QStringLiteral("'%1'").arg(m.taskName(id));
    if (const TimelineResource* r = m.resource(id)) {
        QString kind = QString::fromLatin1(aio::to_string(r->kind)).replace(QLatin1Char('_'), QLatin1Char(' '));
        if (!kind.isEmpty())
            kind[0] = kind[0].toUpper();
        return QStringLiteral("%1 '%2'").arg(kind, m.resourceName(id));
    }
    return {};
}

}  // namespace

QString taskStateName(TaskState s, aio::WaitKind w)
{
    switch (s) {
    case TaskState::Ready: return QStringLiteral("ready");
    case TaskState::Running: return QStringLiteral("running");
    case TaskState::Waiting: return QStringLiteral("waiting (%1)").arg(waitKindName(w));
    case TaskState::Blocked: return QStringLiteral("blocking the loop");
    }
    return {};
}

QString taskEndName(TaskEnd e)
{
    switch (e) {
    case TaskEnd::None: return {};
    case TaskEnd::Done: return QStringLiteral("done");
    case TaskEnd::Cancelled: return QStringLiteral("cancelled");
    case TaskEnd::TimedOut: return QStringLiteral("timed out");
    case TaskEnd::Failed: return QStringLiteral("failed");
    }
    return {};
}

TaskSnapshot snapshotTask(const TimelineModel& m, aio::ObjectId id, qint64 t)
{
    TaskSnapshot s;
    const TimelineTask* task = m.task(id);
    if (!task || task->createdEvent == kNoEvent)
        return s;
    if (t < 0)
        t = m.endTime();
    s.id = id;
    s.name = m.taskName(id);
    s.createdAt = m.timeOf(task->createdEvent);
    s.creator = task->parent;
    s.creatorName = task->parent ? m.taskName(task->parent) : QStringLiteral("the event loop");
    if (t < s.createdAt) {
        s.state = QStringLiteral("not created yet");
        return s;
    }
    s.exists = true;
    s.line = m.lineAt(*task, t);

    // Segments, the one-off events (cancel request, timeout) and the end, in recording order.
    std::vector<std::pair<std::uint32_t, TaskHistoryEntry>> h;
    h.push_back({task->createdEvent, {s.createdAt, QStringLiteral("created"),
                 task->parent ? QStringLiteral("by '%1'").arg(s.creatorName) : QStringLiteral("by the event loop")}});
    for (const TimelineSegment& sg : task->segments) {
        if (m.timeOf(sg.event) > t)
            break;
        const aio::TraceEvent& ev = m.event(sg.event);
        QString detail;
        if (sg.state == TaskState::Waiting || sg.state == TaskState::Blocked
            || (sg.state == TaskState::Ready && ev.kind == aio::EventKind::task_suspended)) {  // a yield
            detail = m.eventText(sg.event);
        } else if (sg.state == TaskState::Ready && ev.kind == aio::EventKind::task_ready) {
            const QString waker = objectName(m, ev.b);
            const QString via = ev.value > 0 ? objectName(m, aio::ObjectId(ev.value)) : QString();
            if (!waker.isEmpty())
                detail = QStringLiteral("woken by %1").arg(waker);
            if (!via.isEmpty() && via != waker)
                detail += (detail.isEmpty() ? QStringLiteral("woken through ") : QStringLiteral(" through ")) + via;
        }
        h.push_back({sg.event, {m.timeOf(sg.event), taskStateName(sg.state, sg.waitKind), detail}});
    }
    for (std::uint32_t e : {task->cancelEvent, task->timeoutEvent}) {
        if (e == kNoEvent || m.timeOf(e) > t)
            continue;
        const aio::TraceEvent& ev = m.event(e);
        if (ev.kind == aio::EventKind::task_cancel) {
            const QString by = objectName(m, ev.b);
            QString detail = by.isEmpty() ? QString() : QStringLiteral("by %1").arg(by);
            const QString msg = m.eventText(e);
            if (!msg.isEmpty())
                detail += (detail.isEmpty() ? QString() : QStringLiteral(": ")) + msg;
            h.push_back({e, {ev.time_ns, QStringLiteral("cancel requested"), detail}});
        } else {
            h.push_back({e, {ev.time_ns, QStringLiteral("timeout expired"), QString()}});
        }
    }
    const int segIndex = m.segmentAt(*task, t);
    if (task->finishEvent != kNoEvent && m.timeOf(task->finishEvent) <= t) {
        s.end = m.endKind(*task);
        s.state = taskEndName(s.end);
        s.result = m.eventText(task->finishEvent);
        h.push_back({task->finishEvent, {m.timeOf(task->finishEvent), s.state, s.result}});
    } else if (segIndex >= 0) {
        const TimelineSegment& sg = task->segments[std::size_t(segIndex)];
        s.state = taskStateName(sg.state, sg.waitKind);
        if (sg.state == TaskState::Waiting || sg.state == TaskState::Blocked)
            s.awaiting = m.eventText(sg.event);
    } else {
        s.state = QStringLiteral("ready");  // created, not yet stepped
    }
    std::stable_sort(h.begin(), h.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    s.historyTotal = int(h.size());
    const std::size_t first = h.size() > kMaxHistory ? h.size() - kMaxHistory : 0;
    for (std::size_t i = first; i < h.size(); ++i)
        s.history.push_back(std::move(h[i].second));
    return s;
}

QColor taskColorAt(const TimelineModel& m, const TimelineTheme& th, const TimelineTask& task, qint64 t)
{
    if (task.createdEvent == kNoEvent || t < m.timeOf(task.createdEvent))
        return {};
    if (task.finishEvent != kNoEvent && m.timeOf(task.finishEvent) <= t) {
        switch (m.endKind(task)) {
        case TaskEnd::Cancelled: return th.cancelled;
        case TaskEnd::TimedOut: return th.timedOut;
        case TaskEnd::Failed: return th.failed;
        default: return th.done;
        }
    }
    const int i = m.segmentAt(task, t);
    if (i < 0)
        return th.ready;
    const TimelineSegment& sg = task.segments[std::size_t(i)];
    switch (sg.state) {
    case TaskState::Ready: return th.ready;
    case TaskState::Running: return th.running;
    case TaskState::Waiting: return th.waitColor(sg.waitKind);
    case TaskState::Blocked: return th.blocked;
    }
    return th.running;
}

TaskInspector::TaskInspector(QWidget* parent)
    : QWidget(parent)
{
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(8, 8, 8, 8);
    outer->setSpacing(6);

    placeholder_ = new QLabel(tr("Click a task's lane in the timeline to see what it is doing."), this);
    placeholder_->setWordWrap(true);
    placeholder_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    placeholder_->setForegroundRole(QPalette::PlaceholderText);
    outer->addWidget(placeholder_);

    details_ = new QWidget(this);
    auto* dl = new QVBoxLayout(details_);
    dl->setContentsMargins(0, 0, 0, 0);
    dl->setSpacing(6);
    auto* head = new QHBoxLayout;
    head->setSpacing(6);
    stateChip_ = new QLabel(details_);
    stateChip_->setFixedSize(12, 12);
    title_ = new QLabel(details_);
    QFont tf = title_->font();
    tf.setBold(true);
    tf.setPointSizeF(tf.pointSizeF() * 1.15);
    title_->setFont(tf);
    title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    head->addWidget(stateChip_);
    head->addWidget(title_, 1);
    dl->addLayout(head);

    auto* form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->setHorizontalSpacing(10);
    form->setVerticalSpacing(4);
    form->setLabelAlignment(Qt::AlignLeft);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto field = [&](const QString& label) {
        auto* v = new QLabel(details_);
        v->setWordWrap(true);
        v->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto* l = new QLabel(label, details_);
        l->setForegroundRole(QPalette::PlaceholderText);
        form->addRow(l, v);
        return v;
    };
    state_ = field(tr("State"));
    awaiting_ = field(tr("Awaits"));
    creator_ = field(tr("Created by"));
    creator_->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    connect(creator_, &QLabel::linkActivated, this, [this](const QString& link) {
        bool ok = false;
        const uint id = link.mid(5).toUInt(&ok);  // "task:<id>"
        if (ok)
            emit taskRequested(quint32(id));
    });
    line_ = field(tr("Line"));
    result_ = field(tr("Result"));
    dl->addLayout(form);

    auto* hl = new QLabel(tr("History"), details_);
    QFont hf = hl->font();
    hf.setBold(true);
    hl->setFont(hf);
    dl->addSpacing(4);
    dl->addWidget(hl);
    history_ = new QTreeWidget(details_);
    history_->setColumnCount(3);
    history_->setHeaderLabels({tr("Time"), tr("State"), tr("Detail")});
    history_->setRootIsDecorated(false);
    history_->setUniformRowHeights(true);
    history_->setAlternatingRowColors(true);
    history_->setSelectionMode(QAbstractItemView::NoSelection);
    history_->header()->setStretchLastSection(true);
    history_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    history_->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    dl->addWidget(history_, 1);
    outer->addWidget(details_, 1);
    details_->hide();
}

void TaskInspector::setModel(const TimelineModel* model)
{
    model_ = model;
    task_ = 0;
    shownHistory_ = -1;
    rebuild();
}

void TaskInspector::setTheme(const TimelineTheme& theme)
{
    theme_ = theme;
    rebuild();
}

void TaskInspector::setTask(aio::ObjectId id)
{
    task_ = id;
    rebuild();
}

void TaskInspector::setTime(qint64 t)
{
    if (t == time_)
        return;
    time_ = t;
    rebuild();
}

void TaskInspector::refresh()
{
    rebuild();
}

int TaskInspector::historyRows() const
{
    return history_->topLevelItemCount();
}

QString TaskInspector::historyRowText(int row) const
{
    const QTreeWidgetItem* it = history_->topLevelItem(row);
    if (!it)
        return {};
    QString s = it->text(0) + QStringLiteral("  ") + it->text(1);
    if (!it->text(2).isEmpty())
        s += QStringLiteral("  ") + it->text(2);
    return s;
}

void TaskInspector::rebuild()
{
    snap_ = (model_ && task_) ? snapshotTask(*model_, task_, time_) : TaskSnapshot{};
    const bool show = model_ && task_ && !snap_.name.isNull();
    placeholder_->setVisible(!show);
    details_->setVisible(show);
    if (!show) {
        history_->clear();
        shownHistory_ = -1;
        return;
    }
    title_->setText(snap_.name);
    const TimelineTask* t = model_->task(task_);
    QColor chip = t ? taskColorAt(*model_, theme_, *t, time_ < 0 ? model_->endTime() : time_) : QColor();
    if (!chip.isValid())
        chip = palette().color(QPalette::Mid);
    stateChip_->setStyleSheet(QStringLiteral("background:%1; border-radius:6px;").arg(chip.name()));
    state_->setText(snap_.state);
    awaiting_->setText(snap_.awaiting.isEmpty() ? QStringLiteral("—") : snap_.awaiting);
    if (snap_.creator)
        // The link colour is spelled out: rich text would take the application's, not the panel's.
        creator_->setText(QStringLiteral("<a href=\"task:%1\" style=\"color:%4\">%2</a> at %3")
                              .arg(snap_.creator)
                              .arg(snap_.creatorName.toHtmlEscaped(), TimelinePainter::formatTime(snap_.createdAt),
                                   palette().color(QPalette::Link).name()));
    else
        creator_->setText(QStringLiteral("%1 at %2").arg(snap_.creatorName.toHtmlEscaped(), TimelinePainter::formatTime(snap_.createdAt)));
    line_->setText(snap_.line > 0 ? QString::number(snap_.line) : QStringLiteral("—"));
    result_->setText(snap_.result.isEmpty() ? QStringLiteral("—") : snap_.result);
    QPalette rp = result_->palette();
    rp.setColor(QPalette::WindowText, snap_.end == TaskEnd::Failed ? theme_.failed : palette().color(QPalette::WindowText));
    result_->setPalette(rp);

    // The history only grows while the playhead moves forward; rebuild it when it changed.
    if (shownTask_ == task_ && shownHistory_ == snap_.historyTotal)
        return;
    history_->setUpdatesEnabled(false);
    const bool trimmed = snap_.historyTotal > snap_.history.size();
    if (shownTask_ != task_ || snap_.historyTotal < shownHistory_ || shownHistory_ < 0 || trimmed)
        history_->clear();
    QList<QTreeWidgetItem*> items;
    for (int i = history_->topLevelItemCount(); i < snap_.history.size(); ++i) {
        const TaskHistoryEntry& e = snap_.history[i];
        auto* it = new QTreeWidgetItem({TimelinePainter::formatTime(e.time), e.state, e.detail});
        it->setToolTip(2, e.detail);
        it->setTextAlignment(0, Qt::AlignRight | Qt::AlignVCenter);
        items << it;
    }
    history_->addTopLevelItems(items);
    history_->setUpdatesEnabled(true);
    if (!items.isEmpty())
        history_->scrollToItem(items.last());
    shownTask_ = task_;
    shownHistory_ = snap_.historyTotal;
}
