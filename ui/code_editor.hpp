// CodeEditor: the program's source, with a line-number gutter that shows where every live
// task is (a dot in its lane's colour on its current line), the selected task's line
// highlighted, and an error marked at its line (gutter badge, tinted line, wavy underline
// from the column, the message as the gutter's tooltip). GUI thread only.
#pragma once

#include <engine/trace.hpp>

#include <QColor>
#include <QPlainTextEdit>
#include <QString>
#include <QVector>

class PythonHighlighter;
class QMimeData;

struct TaskLineMark {
    int line = 0;  // 1-based
    QColor color;
    aio::ObjectId task = 0;
    QString name;
};

class CodeEditor : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit CodeEditor(QWidget* parent = nullptr);

    // Where the live tasks are now; replaces the previous marks.
    void setTaskMarks(const QVector<TaskLineMark>& marks);
    const QVector<TaskLineMark>& taskMarks() const { return marks_; }
    QVector<TaskLineMark> marksOnLine(int line) const;
    // The selected task's line, tinted with `color` (line 0 clears it).
    void setSelectedLine(int line, const QColor& color = QColor());
    int selectedLine() const { return selectedLine_; }
    // An error at line:column (column 1-based, 0 = whole line); line 0 clears it.
    void setError(int line, int column, const QString& message);
    void clearError() { setError(0, 0, QString()); }
    int errorLine() const { return errorLine_; }
    QString errorMessage() const { return errorMessage_; }
    // Puts the cursor on line:column and shows it.
    void goToLine(int line, int column = 0);
    void setDarkColours(bool dark);

    // Geometry, for the gutter and for tests: the gutter widget and where `line` is drawn in it.
    QWidget* gutter() const { return gutter_; }
    int gutterWidth() const;
    QRect lineRect(int line) const;
    QString gutterToolTip(int line) const;

signals:
    // A .py file was dropped on the editor (it asks to open it rather than paste its path).
    void fileDropped(const QString& path);

protected:
    bool canInsertFromMimeData(const QMimeData* source) const override;
    void insertFromMimeData(const QMimeData* source) override;
    // Python editing: Tab indents by four spaces, Enter keeps the indentation (and adds a
    // level after a line ending in ':').
    void keyPressEvent(QKeyEvent* e) override;
    void resizeEvent(QResizeEvent* e) override;
    void changeEvent(QEvent* e) override;

private:
    friend class CodeEditorGutter;
    void paintGutter(QPaintEvent* e);
    void updateGutterWidth();
    QFont smallFont() const;
    int plusWidth() const;
    void updateGutter(const QRect& rect, int dy);
    void updateSelections();
    int lineAtGutterY(int y) const;

    QWidget* gutter_;
    PythonHighlighter* highlighter_;
    QVector<TaskLineMark> marks_;
    int selectedLine_ = 0;
    QColor selectedColor_;
    int errorLine_ = 0;
    int errorColumn_ = 0;
    QString errorMessage_;
    bool dark_ = false;
};
