// ConsoleView: what the program said and what went wrong, in order: printed lines with their
// virtual timestamps, warnings (e.g. "Task exception was never retrieved"), the deadlock
// report, and errors with their line. Lines stamped after the playhead stay hidden, so the
// output appears as the run plays. Clicking an entry with a line asks to jump there.
// GUI thread only.
#pragma once

#include <engine/trace.hpp>

#include <QColor>
#include <QPlainTextEdit>
#include <QString>
#include <QVector>

struct ConsoleEntry {
    enum class Kind : std::uint8_t { Output, ErrorOutput, Info, Summary, Warning, Error, Deadlock };
    Kind kind = Kind::Output;
    qint64 time = -1;      // virtual time in ns; < 0: not tied to the run's clock (always shown)
    QString text;          // may span several lines
    int line = 0;          // script line it refers to, 0 if none
    int column = 0;
    aio::ObjectId task = 0;
    QString taskName;
};

class ConsoleView : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit ConsoleView(QWidget* parent = nullptr);

    void clearEntries();
    // Shown in time order, whatever order they arrive in (an untimed entry stays after
    // the entries added before it).
    void addEntry(const ConsoleEntry& e);
    const QVector<ConsoleEntry>& entries() const { return entries_; }
    // Names the task an entry is about once it is known (clicking the entry selects it).
    void setEntryTask(int index, aio::ObjectId task);
    // Replaces entry `index` (a fuller report of the same thing arrived) and redraws.
    void replaceEntry(int index, const ConsoleEntry& e);
    // Hides entries stamped after `ns`; < 0 shows everything.
    void setPlayhead(qint64 ns);
    qint64 playhead() const { return playhead_; }
    // Number of entries on screen, and the entry under a viewport point (-1 if none).
    int visibleCount() const { return shown_; }
    int entryAt(const QPoint& viewportPos) const;
    // Where entry i is drawn (viewport coordinates), for tests and tooltips.
    QRect entryRect(int i) const;
    void setDarkColours(bool dark);

signals:
    void lineActivated(int line, int column);
    void taskActivated(quint32 taskId);

protected:
    void mouseReleaseEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;

private:
    bool isShown(const ConsoleEntry& e) const;
    void render();
    void appendEntryText(int index);
    QColor colourFor(ConsoleEntry::Kind k) const;

    QVector<ConsoleEntry> entries_;
    // Entries show in time order; an untimed one sorts after everything added before it.
    QVector<qint64> keys_;
    QVector<int> order_;  // entries_ indices in display order (only shown ones)
    int shown_ = 0;
    qint64 playhead_ = -1;
    bool dark_ = false;
};
