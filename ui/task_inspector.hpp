// TaskInspector: everything about the selected task at the playhead: its state now, what it
// awaits, who created it, the script line it is on, its result or exception, and the history
// of its states with their virtual times (up to the playhead, so scrubbing back rewinds it).
// TaskSnapshot is the same information as plain data, for tests and for other views.
// GUI thread only (the model belongs to the GUI thread).
#pragma once

#include <ui/timeline_model.hpp>
#include <ui/timeline_theme.hpp>

#include <QColor>
#include <QString>
#include <QVector>
#include <QWidget>

class QLabel;
class QTreeWidget;

struct TaskHistoryEntry {
    qint64 time = 0;
    QString state;   // "running", "waiting (sleep)", "done", ...
    QString detail;  // what it waited on, the result, the exception
};

struct TaskSnapshot {
    bool exists = false;       // created at or before the time asked about
    aio::ObjectId id = 0;
    QString name;
    QString state;             // "running", "ready", "waiting (lock)", "blocking the loop", "done", ...
    QString awaiting;          // what it is suspended on now, empty when not waiting
    aio::ObjectId creator = 0;
    QString creatorName;       // "the event loop" for tasks without a creator task
    qint64 createdAt = 0;
    int line = 0;              // script line now (0 when unknown)
    QString result;            // result text or "Exc: message", once finished
    TaskEnd end = TaskEnd::None;  // how it ended, if it has by then
    QVector<TaskHistoryEntry> history;  // the latest 1000 entries up to the time asked about
    int historyTotal = 0;               // entries before trimming
};

// What `task` is doing at time `t` (t < 0: at the end of what is recorded).
TaskSnapshot snapshotTask(const TimelineModel& model, aio::ObjectId task, qint64 t);
// The colour its lane shows at `t` (state colour, or its end marker's once finished);
// invalid when the task does not exist at t.
QColor taskColorAt(const TimelineModel& model, const TimelineTheme& theme, const TimelineTask& task, qint64 t);
// Short human names: "waiting (sleep)", "done".
QString taskStateName(TaskState s, aio::WaitKind w);
QString taskEndName(TaskEnd e);

class TaskInspector : public QWidget {
    Q_OBJECT
public:
    explicit TaskInspector(QWidget* parent = nullptr);

    void setModel(const TimelineModel* model);
    void setTheme(const TimelineTheme& theme);
    // The task to show (0: none) and the time to show it at (< 0: end of the recording).
    void setTask(aio::ObjectId id);
    aio::ObjectId task() const { return task_; }
    void setTime(qint64 t);
    // Re-reads the model (call after it grew).
    void refresh();

    const TaskSnapshot& snapshot() const { return snap_; }
    int historyRows() const;
    QString historyRowText(int row) const;  // "1.000 s  waiting (sleep)  sleep(1)"

    QSize sizeHint() const override { return QSize(300, 400); }

signals:
    // The user clicked the creator's name.
    void taskRequested(quint32 taskId);

private:
    void rebuild();

    const TimelineModel* model_ = nullptr;
    TimelineTheme theme_ = TimelineTheme::light();
    aio::ObjectId task_ = 0;
    qint64 time_ = -1;
    TaskSnapshot snap_;
    QLabel* title_;
    QLabel* stateChip_;
    QLabel* state_;
    QLabel* awaiting_;
    QLabel* creator_;
    QLabel* line_;
    QLabel* result_;
    QLabel* placeholder_;
    QWidget* details_;
    QTreeWidget* history_;
    int shownHistory_ = -1;
    aio::ObjectId shownTask_ = 0;
};
