// MainWindow: Loopscope's window. Left: the demo catalogue and the editor; centre: the
// timeline, the run summary and the playback bar; right: the task inspector; bottom: the
// console. Runs go through a RunSession (which owns the recording and the playback clock);
// everything on screen follows its playhead. The Run menu (and a toolbar button) choose how
// programs run: replayed after running ahead, or live on a paced virtual clock or the wall
// clock. Layout, recent files, run mode, speed and theme are kept with QSettings.
// GUI thread only.
#pragma once

#include <app/demo_catalog.hpp>
#include <app/run_session.hpp>

#include <QMainWindow>
#include <QPointer>

class CodeEditor;
class ConsoleView;
class PlaybackBar;
class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QListWidget;
class QMenu;
class QToolButton;
class TaskInspector;
class TimelineWidget;
class DeadlockOverlay;
struct RunSummary;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum class ThemeChoice { System, Light, Dark };

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Loads a .py file (or a ":/demos/..." resource) into the editor. Problems reading it go
    // to the console and the status bar; returns false then.
    bool openFile(const QString& path);
    // Loads the demo at `index` of demos() into the editor.
    bool openDemo(int index);
    void setSource(const QString& source, const QString& fileName);
    // Writes the current run: .png/.svg/.pdf as a picture of the timeline, .json as a trace
    // Perfetto opens (and Open Trace reads back). Problems go to the console; false then.
    bool exportTo(const QString& path);
    // Shows a trace written by exportTo (.json) as a finished run.
    bool openTrace(const QString& path);
    QString currentFile() const { return file_; }

    RunSession* session() const { return session_; }
    const QList<Demo>& demos() const { return demos_; }
    QStringList recentFiles() const;

    // Widgets, for tests and screenshots.
    CodeEditor* editor() const { return editor_; }
    TimelineWidget* timeline() const { return timeline_; }
    PlaybackBar* playbackBar() const { return playback_; }
    TaskInspector* inspector() const { return inspector_; }
    ConsoleView* console() const { return console_; }
    QListWidget* demoList() const { return demoList_; }
    QString summaryText() const;
    // The tasks a deadlock left stuck, highlighted in the timeline (empty without one).
    QList<aio::ObjectId> deadlockedTasks() const { return deadlocked_; }
    QList<QAction*> allActions() const;

    // How the next Run runs the program (remembered across sessions).
    void setRunMode(RunSession::RunMode mode);
    RunSession::RunMode runMode() const { return session_->runMode(); }
    // The Run menu's three checkable mode actions, in RunMode order.
    QList<QAction*> runModeActions() const;
    QToolButton* runModeButton() const { return runModeButton_; }

    void setThemeChoice(ThemeChoice choice);
    ThemeChoice themeChoice() const { return themeChoice_; }
    bool isDarkTheme() const { return dark_; }

public slots:
    void run();
    void stopRun();
    void openDialog();
    void exportDialog();
    void openTraceDialog();
    bool save();
    bool saveAs();
    void selectTask(quint32 id);
    void showShortcuts();
    void showPythonSubset();
    void showAbout();

protected:
    void closeEvent(QCloseEvent* e) override;
    bool eventFilter(QObject* watched, QEvent* e) override;
    void changeEvent(QEvent* e) override;
    void dragEnterEvent(QDragEnterEvent* e) override;
    void dropEvent(QDropEvent* e) override;

private:
    void buildWidgets();
    void buildActions();
    void buildMenus();
    void connectSession();
    void readSettings();
    void writeSettings() const;
    void addRecentFile(const QString& path);
    void rebuildRecentMenu();
    void applyTheme();
    void updateTitle();
    void updateRunActions();
    void updateRunModeUi();
    void updateLiveView();
    void onRunStarted();
    void onModelUpdated();
    void onPlayhead(qint64 ns);
    void onDiagnostic(const RunDiagnostic& d);
    void onRunFinished(RunOutcome outcome, const QString& message);
    void updateEditorMarks();
    void updateSummary();
    void consumeProblems();
    bool maybeKeepEdits();
    QString displayName() const;
    void reportProblem(const QString& text);

    RunSession* session_;
    QList<Demo> demos_;
    QString file_;  // path or resource of what the editor shows; empty for a new program
    ThemeChoice themeChoice_ = ThemeChoice::System;
    bool dark_ = false;
    bool applyingTheme_ = false;
    QPalette systemPalette_;

    CodeEditor* editor_ = nullptr;
    TimelineWidget* timeline_ = nullptr;
    PlaybackBar* playback_ = nullptr;
    TaskInspector* inspector_ = nullptr;
    ConsoleView* console_ = nullptr;
    QListWidget* demoList_ = nullptr;
    QLabel* summaryTitle_ = nullptr;
    QLabel* summaryDetail_ = nullptr;
    QWidget* summaryStrip_ = nullptr;
    DeadlockOverlay* overlay_ = nullptr;
    QDockWidget* demosDock_ = nullptr;
    QDockWidget* editorDock_ = nullptr;
    QDockWidget* inspectorDock_ = nullptr;
    QDockWidget* consoleDock_ = nullptr;
    QMenu* recentMenu_ = nullptr;

    QAction* openAct_ = nullptr;
    QAction* openTraceAct_ = nullptr;
    QAction* exportAct_ = nullptr;
    QAction* saveAct_ = nullptr;
    QAction* saveAsAct_ = nullptr;
    QAction* quitAct_ = nullptr;
    QAction* runAct_ = nullptr;
    QAction* stopAct_ = nullptr;
    QAction* skipEndAct_ = nullptr;
    QAction* fasterAct_ = nullptr;
    QAction* slowerAct_ = nullptr;
    QAction* zoomInAct_ = nullptr;
    QAction* zoomOutAct_ = nullptr;
    QAction* fitAct_ = nullptr;
    QAction* followAct_ = nullptr;
    QAction* shortcutsAct_ = nullptr;
    QAction* subsetAct_ = nullptr;
    QAction* aboutAct_ = nullptr;
    QActionGroup* themeGroup_ = nullptr;
    QActionGroup* runModeGroup_ = nullptr;
    QMenu* runModeMenu_ = nullptr;
    QToolButton* runModeButton_ = nullptr;
    // Tooltips of the playback controls a live run disables, to put back when it ends.
    QList<QPair<QObject*, QString>> liveDisabled_;

    // Console bookkeeping for the current run: how much of the model has been turned into entries.
    std::size_t printsSeen_ = 0;
    std::size_t problemsSeen_ = 0;
    bool streamOutput_ = false;
    bool deadlockReported_ = false;  // a deadlock diagnostic is in the console already  // the runner reports output itself (not as trace events)
    QList<aio::ObjectId> deadlocked_;
    bool summaryShown_ = false;
    bool playheadAtEnd_ = false;  // the summary shows once the playback reaches the end
    // The timeline shows the whole recorded run until the user zooms or pans it.
    bool fitTimeline_ = true;
    // A live run's visible span (from its start); it doubles as the run grows.
    qint64 liveSpan_ = 0;
    // The editor shows the source of the run on screen (else its line marks would lie).
    bool sourceMatchesRun_ = false;
};

// Shows the window (with `fileToOpen` loaded, or the first demo) and runs the event loop.
int runWindow(QApplication& app, const QString& fileToOpen = QString());
