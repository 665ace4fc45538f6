#include <app/main_window.hpp>

#include <ui/code_editor.hpp>
#include <ui/console_view.hpp>
#include <ui/playback_bar.hpp>
#include <ui/run_summary.hpp>
#include <ui/shape_icon.hpp>
#include <ui/task_inspector.hpp>
#include <ui/timeline_export.hpp>
#include <ui/timeline_widget.hpp>
#include <ui/trace_json_reader.hpp>
#include <ui/trace_json_writer.hpp>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QSaveFile>
#include <QSettings>
#include <QSlider>
#include <QStatusBar>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTextBrowser>
#include <QTableWidget>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace {

constexpr int kMaxRecent = 8;
// A live run's timeline starts this wide and doubles as the run grows.
constexpr qint64 kLiveSpanNs = 2'000'000'000;

const char* runModeKey(RunSession::RunMode mode)
{
    switch (mode) {
    case RunSession::RunMode::LivePaced: return "live-paced";
    case RunSession::RunMode::LiveWallClock: return "live-wall-clock";
    case RunSession::RunMode::Replay: break;
    }
    return "replay";
}
const char* const kUntitled = "untitled.py";

bool paletteIsDark(const QPalette& p)
{
    return p.color(QPalette::Window).lightness() < 128;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31), base(0x1e, 0x1f, 0x22), text(0xdf, 0xe1, 0xe5), mid(0x3c, 0x3f, 0x45);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2c));
    p.setColor(QPalette::ToolTipBase, QColor(0x3c, 0x3f, 0x45));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x8b, 0x90, 0x98));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x33, 0x36, 0x3b));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x4a, 0x4e, 0x55));
    p.setColor(QPalette::Midlight, QColor(0x42, 0x45, 0x4b));
    p.setColor(QPalette::Mid, mid);
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x35, 0x74, 0xf0));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x79, 0xb8, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb3, 0x92, 0xf0));
    for (QPalette::ColorRole r : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, r, QColor(0x6e, 0x73, 0x7a));
    return p;
}

QPalette lightPalette()
{
    QPalette p;
    const QColor window(0xef, 0xf0, 0xf2), text(0x1f, 0x23, 0x28);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xf6, 0xf7, 0xf9));
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xdc));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x6a, 0x73, 0x7d));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0xf6, 0xf7, 0xf9));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, Qt::white);
    p.setColor(QPalette::Midlight, QColor(0xe3, 0xe5, 0xe8));
    p.setColor(QPalette::Mid, QColor(0xb8, 0xbc, 0xc2));
    p.setColor(QPalette::Dark, QColor(0x8c, 0x92, 0x99));
    p.setColor(QPalette::Shadow, QColor(0x40, 0x40, 0x40));
    p.setColor(QPalette::Highlight, QColor(0x30, 0x8c, 0xc6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x0b, 0x5c, 0xad));
    for (QPalette::ColorRole r : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, r, QColor(0xa0, 0xa4, 0xaa));
    return p;
}

// A demo in the catalogue: its title in bold, its lesson below, wrapped to the list's width.
class DemoDelegate : public QStyledItemDelegate {
public:
    explicit DemoDelegate(QListWidget* list) : QStyledItemDelegate(list), list_(list) {}

    void paint(QPainter* p, const QStyleOptionViewItem& opt, const QModelIndex& index) const override
    {
        QStyleOptionViewItem o = opt;
        initStyleOption(&o, index);
        o.text.clear();
        QStyle* style = list_->style();
        style->drawPrimitive(QStyle::PE_PanelItemViewItem, &o, p, list_);
        const QRect r = opt.rect.adjusted(kPad, kPad, -kPad, -kPad);
        const bool selected = opt.state & QStyle::State_Selected;
        const QPalette& pal = opt.palette;
        p->save();
        p->setFont(titleFont(opt.font));
        p->setPen(pal.color(selected ? QPalette::HighlightedText : QPalette::Text));
        const QFontMetrics tfm(titleFont(opt.font));
        p->drawText(QRect(r.left(), r.top(), r.width(), tfm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                    tfm.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideRight, r.width()));
        p->setFont(opt.font);
        QColor dim = pal.color(selected ? QPalette::HighlightedText : QPalette::PlaceholderText);
        p->setPen(dim);
        p->drawText(QRect(r.left(), r.top() + tfm.height() + 2, r.width(), r.height() - tfm.height() - 2),
                    Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, index.data(Qt::UserRole).toString());
        p->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem& opt, const QModelIndex& index) const override
    {
        const int w = std::max(120, list_->viewport()->width() - 2 * kPad);
        const QFontMetrics tfm(titleFont(opt.font));
        const QFontMetrics fm(opt.font);
        const QString lesson = index.data(Qt::UserRole).toString();
        const int lh = lesson.isEmpty() ? 0 : fm.boundingRect(QRect(0, 0, w, 10000), Qt::TextWordWrap, lesson).height() + 2;
        return QSize(w, tfm.height() + lh + 2 * kPad);
    }

private:
    static constexpr int kPad = 6;
    static QFont titleFont(QFont f)
    {
        f.setBold(true);
        return f;
    }
    QListWidget* list_;
};

}  // namespace

// Outlines the lanes of the tasks a deadlock left stuck, over the timeline's viewport.
class DeadlockOverlay : public QWidget {
public:
    DeadlockOverlay(TimelineWidget* timeline, QWidget* viewport) : QWidget(viewport), timeline_(timeline)
    {
        setAttribute(Qt::WA_TransparentForMouseEvents);
        setAttribute(Qt::WA_NoSystemBackground);
        viewport->installEventFilter(this);
        setGeometry(viewport->rect());
        hide();
    }
    void setTasks(const QList<aio::ObjectId>& tasks)
    {
        tasks_ = tasks;
        setVisible(!tasks.isEmpty());
        raise();
        update();
    }

protected:
    bool eventFilter(QObject* o, QEvent* e) override
    {
        if (o == parentWidget() && e->type() == QEvent::Resize)
            setGeometry(parentWidget()->rect());
        return false;
    }
    void paintEvent(QPaintEvent*) override
    {
        const TimelinePainter* tp = timeline_->timelinePainter();
        if (!tp)
            return;
        QPainter p(this);
        const QColor red = tp->theme().failed;
        QColor fill = red;
        fill.setAlpha(tp->theme().isDark ? 50 : 34);
        const qreal top = tp->headerHeight();
        p.setClipRect(QRectF(0, top, width(), height() - top));
        for (aio::ObjectId id : tasks_) {
            const QRectF lane = tp->laneRect(id);
            if (lane.isNull())
                continue;
            const QRectF r(0.5, lane.top() + 0.5, width() - 1.0, lane.height() - 1.0);
            p.fillRect(r, fill);
            p.setPen(QPen(red, 1.5));
            p.setBrush(Qt::NoBrush);
            p.drawRect(r);
        }
    }

private:
    TimelineWidget* timeline_;
    QList<aio::ObjectId> tasks_;
};

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , session_(new RunSession(this))
{
    DemoCatalog::ensureResources();
    setObjectName(QStringLiteral("LoopscopeMainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/loopscope.svg")));
    setAcceptDrops(true);
    setDockNestingEnabled(true);
    systemPalette_ = QApplication::palette();
    demos_ = DemoCatalog::load();
    buildWidgets();
    buildActions();
    buildMenus();
    connectSession();
    readSettings();
    applyTheme();
    updateTitle();
    updateRunActions();
    updateSummary();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildWidgets()
{
    // Centre: summary strip, timeline, playback bar.
    auto* centre = new QWidget(this);
    auto* cl = new QVBoxLayout(centre);
    cl->setContentsMargins(0, 0, 0, 0);
    cl->setSpacing(0);
    summaryStrip_ = new QWidget(centre);
    summaryStrip_->setObjectName(QStringLiteral("summaryStrip"));
    summaryStrip_->setAutoFillBackground(true);
    auto* sl = new QVBoxLayout(summaryStrip_);
    sl->setContentsMargins(12, 7, 12, 7);
    sl->setSpacing(1);
    summaryTitle_ = new QLabel(summaryStrip_);
    QFont sf = summaryTitle_->font();
    sf.setBold(true);
    sf.setPointSizeF(sf.pointSizeF() * 1.1);
    summaryTitle_->setFont(sf);
    summaryTitle_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    summaryDetail_ = new QLabel(summaryStrip_);
    summaryDetail_->setForegroundRole(QPalette::PlaceholderText);
    summaryDetail_->setWordWrap(true);
    summaryDetail_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    sl->addWidget(summaryTitle_);
    sl->addWidget(summaryDetail_);
    cl->addWidget(summaryStrip_);
    timeline_ = new TimelineWidget(centre);
    timeline_->setFrameShape(QFrame::NoFrame);
    cl->addWidget(timeline_, 1);
    playback_ = new PlaybackBar(centre);
    cl->addWidget(playback_);
    setCentralWidget(centre);
    overlay_ = new DeadlockOverlay(timeline_, timeline_->viewport());
    timeline_->viewport()->installEventFilter(this);

    // Left: demos above the editor.
    demoList_ = new QListWidget(this);
    demoList_->setItemDelegate(new DemoDelegate(demoList_));
    demoList_->setResizeMode(QListView::Adjust);
    demoList_->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    demoList_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    demoList_->setUniformItemSizes(false);
    demoList_->setFrameShape(QFrame::NoFrame);
    for (const Demo& d : demos_) {
        auto* it = new QListWidgetItem(d.title, demoList_);
        it->setData(Qt::UserRole, d.lesson);
        it->setToolTip(d.lesson);
    }
    if (demos_.isEmpty()) {
        auto* it = new QListWidgetItem(tr("No demos in this build"), demoList_);
        it->setFlags(Qt::NoItemFlags);
    }
    connect(demoList_, &QListWidget::itemClicked, this, [this](QListWidgetItem* it) {
        const int row = demoList_->row(it);
        if (row >= 0 && row < demos_.size() && demos_[row].path != file_)
            openDemo(row);
    });
    connect(demoList_, &QListWidget::itemActivated, this, [this](QListWidgetItem* it) {
        const int row = demoList_->row(it);
        if (row >= 0 && row < demos_.size() && (demos_[row].path == file_ || openDemo(row)))
            run();
    });
    demosDock_ = new QDockWidget(tr("Demos"), this);
    demosDock_->setObjectName(QStringLiteral("demosDock"));
    demosDock_->setWidget(demoList_);

    editor_ = new CodeEditor(this);
    editor_->setFrameShape(QFrame::NoFrame);
    connect(editor_, &CodeEditor::fileDropped, this, [this](const QString& path) {
        if (maybeKeepEdits())
            openFile(path);
    });
    connect(editor_->document(), &QTextDocument::modificationChanged, this, [this] { updateTitle(); });
    connect(editor_, &QPlainTextEdit::blockCountChanged, this, [this] {
        sourceMatchesRun_ = false;
        updateEditorMarks();
    });
    editorDock_ = new QDockWidget(tr("Program"), this);
    editorDock_->setObjectName(QStringLiteral("editorDock"));
    editorDock_->setWidget(editor_);

    inspector_ = new TaskInspector(this);
    inspectorDock_ = new QDockWidget(tr("Task"), this);
    inspectorDock_->setObjectName(QStringLiteral("inspectorDock"));
    inspectorDock_->setWidget(inspector_);

    console_ = new ConsoleView(this);
    console_->setFrameShape(QFrame::NoFrame);
    consoleDock_ = new QDockWidget(tr("Console"), this);
    consoleDock_->setObjectName(QStringLiteral("consoleDock"));
    consoleDock_->setWidget(console_);

    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::TopLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
    addDockWidget(Qt::LeftDockWidgetArea, demosDock_);
    splitDockWidget(demosDock_, editorDock_, Qt::Vertical);
    addDockWidget(Qt::RightDockWidgetArea, inspectorDock_);
    addDockWidget(Qt::BottomDockWidgetArea, consoleDock_);
    resize(1440, 900);
    resizeDocks({demosDock_, editorDock_}, {230, 600}, Qt::Vertical);
    resizeDocks({editorDock_, inspectorDock_}, {480, 320}, Qt::Horizontal);
    resizeDocks({consoleDock_}, {210}, Qt::Vertical);

    connect(timeline_, &TimelineWidget::taskSelected, this, [this](quint32 id) {
        inspector_->setTask(id);
        updateEditorMarks();
        if (id && !inspectorDock_->isVisible())
            inspectorDock_->show();
    });
    connect(inspector_, &TaskInspector::taskRequested, this, &MainWindow::selectTask);
    connect(console_, &ConsoleView::lineActivated, this, [this](int line, int column) { editor_->goToLine(line, column); });
    connect(console_, &ConsoleView::taskActivated, this, &MainWindow::selectTask);
    statusBar()->showMessage(tr("Ready"));
}

void MainWindow::buildActions()
{
    auto make = [this](const QString& text, const QKeySequence& key, const QString& tip) {
        auto* a = new QAction(text, this);
        if (!key.isEmpty())
            a->setShortcut(key);
        a->setStatusTip(tip);
        a->setToolTip(key.isEmpty() ? text : QStringLiteral("%1 (%2)").arg(text, key.toString(QKeySequence::NativeText)));
        addAction(a);
        return a;
    };
    openAct_ = make(tr("&Open…"), QKeySequence::Open, tr("Open a Python file"));
    openAct_->setIcon(style()->standardIcon(QStyle::SP_DialogOpenButton));
    connect(openAct_, &QAction::triggered, this, &MainWindow::openDialog);
    openTraceAct_ = make(tr("Open &Trace…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), tr("Show a run saved as a trace file"));
    connect(openTraceAct_, &QAction::triggered, this, &MainWindow::openTraceDialog);
    exportAct_ = make(tr("&Export Run…"), QKeySequence(Qt::CTRL | Qt::Key_E),
                      tr("Save the timeline as PNG, SVG or PDF, or the run as a trace for Perfetto"));
    connect(exportAct_, &QAction::triggered, this, &MainWindow::exportDialog);
    saveAct_ = make(tr("&Save"), QKeySequence::Save, tr("Save the program"));
    connect(saveAct_, &QAction::triggered, this, &MainWindow::save);
    saveAsAct_ = make(tr("Save &As…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), tr("Save the program under a new name"));
    connect(saveAsAct_, &QAction::triggered, this, &MainWindow::saveAs);
    quitAct_ = make(tr("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q), tr("Quit Loopscope"));
    quitAct_->setMenuRole(QAction::QuitRole);
    connect(quitAct_, &QAction::triggered, this, &QWidget::close);

    runAct_ = make(tr("&Run"), QKeySequence(Qt::CTRL | Qt::Key_R), tr("Run the program and watch its tasks"));
    runAct_->setIcon(shapeIcon(IconShape::Play));
    connect(runAct_, &QAction::triggered, this, &MainWindow::run);
    stopAct_ = make(tr("S&top"), QKeySequence(Qt::Key_Escape), tr("Stop the running program"));
    stopAct_->setIcon(shapeIcon(IconShape::Stop));
    connect(stopAct_, &QAction::triggered, this, &MainWindow::stopRun);
    skipEndAct_ = make(tr("Skip to &End"), QKeySequence(Qt::CTRL | Qt::Key_End), tr("Show the whole run at once"));
    connect(skipEndAct_, &QAction::triggered, session_, &RunSession::skipToEnd);
    fasterAct_ = make(tr("&Faster"), QKeySequence(Qt::Key_BracketRight), tr("Play faster"));
    slowerAct_ = make(tr("S&lower"), QKeySequence(Qt::Key_BracketLeft), tr("Play slower"));
    auto bump = [this](int dir) {
        const QList<double>& s = PlaybackBar::speeds();
        int i = 0;
        while (i + 1 < s.size() && s[i] < playback_->speed() - 1e-9)
            ++i;
        i = std::clamp(i + dir, 0, int(s.size()) - 1);
        playback_->setSpeed(s[i]);
        session_->setSpeed(s[i]);
        statusBar()->showMessage(tr("Speed %1×").arg(s[i]), 2000);
    };
    connect(fasterAct_, &QAction::triggered, this, [bump] { bump(+1); });
    connect(slowerAct_, &QAction::triggered, this, [bump] { bump(-1); });

    zoomInAct_ = make(tr("Zoom &In"), QKeySequence::ZoomIn, tr("Zoom into the timeline"));
    connect(zoomInAct_, &QAction::triggered, this, [this] {
        fitTimeline_ = false;
        timeline_->zoomIn();
    });
    zoomOutAct_ = make(tr("Zoom &Out"), QKeySequence::ZoomOut, tr("Zoom out of the timeline"));
    connect(zoomOutAct_, &QAction::triggered, this, [this] {
        fitTimeline_ = false;
        timeline_->zoomOut();
    });
    fitAct_ = make(tr("&Fit Whole Run"), QKeySequence(Qt::CTRL | Qt::Key_0), tr("Show the whole run in the timeline"));
    connect(fitAct_, &QAction::triggered, this, [this] {
        fitTimeline_ = true;
        timeline_->fitToRun();
    });
    followAct_ = make(tr("Follow &Playhead"), QKeySequence(Qt::Key_F), tr("Keep the playhead in view"));
    followAct_->setCheckable(true);
    followAct_->setChecked(timeline_->follow());
    connect(followAct_, &QAction::toggled, timeline_, &TimelineWidget::setFollow);
    connect(timeline_, &TimelineWidget::followChanged, followAct_, &QAction::setChecked);

    shortcutsAct_ = make(tr("&Keyboard Shortcuts"), QKeySequence(Qt::Key_F1), tr("Every action and its key"));
    connect(shortcutsAct_, &QAction::triggered, this, &MainWindow::showShortcuts);
    subsetAct_ = make(tr("Supported &Python"), QKeySequence(), tr("What Loopscope's Python can do"));
    connect(subsetAct_, &QAction::triggered, this, &MainWindow::showPythonSubset);
    aboutAct_ = make(tr("&About Loopscope"), QKeySequence(), tr("Version and credits"));
    aboutAct_->setMenuRole(QAction::AboutRole);
    connect(aboutAct_, &QAction::triggered, this, &MainWindow::showAbout);

    runModeGroup_ = new QActionGroup(this);
    const struct { const char* text; const char* tip; RunSession::RunMode mode; } modes[] = {
        {QT_TR_NOOP("Re&play (run ahead, then play back)"),
         QT_TR_NOOP("Run the whole program at once on virtual time, then play it back: pause, step and scrub freely"),
         RunSession::RunMode::Replay},
        {QT_TR_NOOP("Li&ve, paced virtual time"),
         QT_TR_NOOP("Run the program while you watch, on virtual time at the chosen speed: pause, step and speed act on the program itself"),
         RunSession::RunMode::LivePaced},
        {QT_TR_NOOP("Live, &wall clock"),
         QT_TR_NOOP("Run the program while you watch, in real time (like loopscope run --realtime): it cannot be paused or stepped"),
         RunSession::RunMode::LiveWallClock}};
    for (const auto& m : modes) {
        QAction* a = runModeGroup_->addAction(tr(m.text));
        a->setCheckable(true);
        a->setData(int(m.mode));
        a->setStatusTip(tr(m.tip));
        a->setToolTip(tr(m.tip));
        if (m.mode != RunSession::RunMode::Replay && !RunSession::canRunLive()) {
            a->setEnabled(false);
            a->setToolTip(tr("This build of Loopscope cannot run programs live: it has no Qt bridge."));
        }
        connect(a, &QAction::triggered, this, [this, mode = m.mode] { setRunMode(mode); });
    }
    runModeGroup_->actions().constFirst()->setChecked(true);

    themeGroup_ = new QActionGroup(this);
    const struct { const char* text; ThemeChoice choice; } themes[] = {
        {"Follow &System", ThemeChoice::System}, {"&Light", ThemeChoice::Light}, {"&Dark", ThemeChoice::Dark}};
    for (const auto& t : themes) {
        QAction* a = themeGroup_->addAction(tr(t.text));
        a->setCheckable(true);
        a->setData(int(t.choice));
        a->setChecked(t.choice == themeChoice_);
        connect(a, &QAction::triggered, this, [this, c = t.choice] { setThemeChoice(c); });
    }
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(openAct_);
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    connect(recentMenu_, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    rebuildRecentMenu();
    file->addSeparator();
    file->addAction(saveAct_);
    file->addAction(saveAsAct_);
    file->addSeparator();
    file->addAction(openTraceAct_);
    file->addAction(exportAct_);
    file->addSeparator();
    file->addAction(quitAct_);

    QMenu* runMenu = menuBar()->addMenu(tr("&Run"));
    runMenu->addAction(runAct_);
    runMenu->addAction(stopAct_);
    runMenu->addSeparator();
    runMenu->addActions(runModeGroup_->actions());
    runMenu->addSeparator();
    runMenu->addAction(playback_->playPauseAction());
    runMenu->addAction(playback_->restartAction());
    runMenu->addAction(playback_->stepForwardAction());
    runMenu->addAction(playback_->stepBackAction());
    runMenu->addAction(skipEndAct_);
    runMenu->addSeparator();
    runMenu->addAction(fasterAct_);
    runMenu->addAction(slowerAct_);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(zoomInAct_);
    view->addAction(zoomOutAct_);
    view->addAction(fitAct_);
    view->addAction(followAct_);
    view->addSeparator();
    for (QDockWidget* d : {demosDock_, editorDock_, inspectorDock_, consoleDock_})
        view->addAction(d->toggleViewAction());
    view->addSeparator();
    QMenu* theme = view->addMenu(tr("&Theme"));
    theme->addActions(themeGroup_->actions());

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(shortcutsAct_);
    help->addAction(subsetAct_);
    help->addSeparator();
    help->addAction(aboutAct_);

    QToolBar* tb = addToolBar(tr("Main"));
    tb->setObjectName(QStringLiteral("mainToolBar"));
    tb->setMovable(false);
    tb->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tb->addAction(openAct_);
    tb->addSeparator();
    tb->addAction(runAct_);
    tb->addAction(stopAct_);
    // Which mode Run uses, on show next to it; a click picks another.
    runModeMenu_ = new QMenu(this);
    runModeMenu_->addActions(runModeGroup_->actions());
    runModeButton_ = new QToolButton(tb);
    runModeButton_->setObjectName(QStringLiteral("runModeButton"));
    runModeButton_->setMenu(runModeMenu_);
    runModeButton_->setPopupMode(QToolButton::InstantPopup);
    runModeButton_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    tb->addWidget(runModeButton_);
    updateRunModeUi();
}

QList<QAction*> MainWindow::runModeActions() const
{
    return runModeGroup_->actions();
}

void MainWindow::setRunMode(RunSession::RunMode mode)
{
    session_->setRunMode(mode);
    QSettings().setValue(QStringLiteral("run/mode"), QString::fromLatin1(runModeKey(mode)));
    updateRunModeUi();
    statusBar()->showMessage(session_->isRunning() ? tr("The next run will be: %1").arg(runModeButton_->text())
                                                   : tr("Run mode: %1").arg(runModeButton_->text()),
                             4000);
}

void MainWindow::updateRunModeUi()
{
    const RunSession::RunMode mode = session_->runMode();
    for (QAction* a : runModeGroup_->actions())
        a->setChecked(a->data().toInt() == int(mode));
    if (runModeButton_) {
        switch (mode) {
        case RunSession::RunMode::Replay: runModeButton_->setText(tr("Replay")); break;
        case RunSession::RunMode::LivePaced: runModeButton_->setText(tr("Live")); break;
        case RunSession::RunMode::LiveWallClock: runModeButton_->setText(tr("Live · wall clock")); break;
        }
        runModeButton_->setToolTip(tr("How Run runs the program: %1. Click to choose another.")
                                       .arg(runModeGroup_->checkedAction()->text().remove(QLatin1Char('&'))));
    }

    // A live run owns the playback controls: put back what the last one took, then take
    // what this one cannot offer, saying why.
    for (const auto& [object, tip] : std::as_const(liveDisabled_)) {
        if (auto* a = qobject_cast<QAction*>(object)) {
            a->setEnabled(true);
            a->setToolTip(tip);
        } else if (auto* w = qobject_cast<QWidget*>(object)) {
            w->setEnabled(true);
            w->setToolTip(tip);
        }
    }
    liveDisabled_.clear();
    if (!session_->isLive())
        return;
    auto take = [this](QObject* object, const QString& why) {
        if (auto* a = qobject_cast<QAction*>(object)) {
            liveDisabled_.append({a, a->toolTip()});
            a->setEnabled(false);
            a->setToolTip(why);
        } else if (auto* w = qobject_cast<QWidget*>(object)) {
            liveDisabled_.append({w, w->toolTip()});
            w->setEnabled(false);
            w->setToolTip(why);
        }
    };
    const QString afterwards = tr("The program is running live: its recording can be replayed once it ends");
    take(playback_->restartAction(), afterwards);
    take(playback_->stepBackAction(), afterwards);
    take(playback_->findChild<QSlider*>(), afterwards);
    if (session_->isRealTime()) {
        const QString real = tr("A wall-clock run cannot be paused, stepped or sped up: its time is real. "
                                "Run ▸ Live, paced virtual time can.");
        take(playback_->playPauseAction(), real);
        take(playback_->stepForwardAction(), real);
        take(playback_->findChild<QComboBox*>(), real);
        take(skipEndAct_, real);
        take(fasterAct_, real);
        take(slowerAct_, real);
    }
}

void MainWindow::updateLiveView()
{
    // A live run is shown from its start with room to grow; the scale doubles when the
    // playhead nears the right edge, so lanes grow calmly instead of the whole picture
    // shrinking a little every frame.
    TimelineModel* m = session_->model();
    if (!fitTimeline_ || !m || !session_->isLive() || m->eventCount() == 0)
        return;
    const qint64 start = m->startTime();
    const qint64 now = std::max(session_->playhead(), m->endTime());
    liveSpan_ = std::max(liveSpan_, kLiveSpanNs);
    while (now - start >= liveSpan_ / 20 * 17)
        liveSpan_ *= 2;
    if (timeline_->visibleFrom() != start || timeline_->visibleTo() != start + liveSpan_)
        timeline_->setVisibleRange(start, start + liveSpan_);
}

QList<QAction*> MainWindow::allActions() const
{
    QList<QAction*> out;
    for (QAction* m : menuBar()->actions())
        if (QMenu* menu = m->menu())
            for (QAction* a : menu->actions()) {
                if (a->isSeparator())
                    continue;
                if (a->menu()) {
                    for (QAction* sub : a->menu()->actions())
                        if (!sub->isSeparator())
                            out << sub;
                } else {
                    out << a;
                }
            }
    return out;
}

void MainWindow::connectSession()
{
    connect(session_, &RunSession::runStarted, this, &MainWindow::onRunStarted);
    connect(session_, &RunSession::modelUpdated, this, &MainWindow::onModelUpdated);
    connect(session_, &RunSession::playheadChanged, this, &MainWindow::onPlayhead);
    connect(session_, &RunSession::playingChanged, this, [this](bool playing) {
        playback_->setPlaying(playing);
        updateRunActions();
    });
    connect(session_, &RunSession::diagnostic, this, &MainWindow::onDiagnostic);
    connect(session_, &RunSession::runFinished, this, &MainWindow::onRunFinished);
    connect(session_, &RunSession::playbackFinished, this, [this] { updateSummary(); });
    connect(session_, &RunSession::outputLine, this, [this](qint64 t, const QString& line, bool isStderr) {
        if (!isStderr)
            streamOutput_ = true;
        ConsoleEntry e;
        e.kind = isStderr ? ConsoleEntry::Kind::ErrorOutput : ConsoleEntry::Kind::Output;
        e.time = t;
        e.text = line;
        console_->addEntry(e);
    });

    connect(playback_, &PlaybackBar::playRequested, session_, &RunSession::play);
    connect(playback_, &PlaybackBar::pauseRequested, session_, &RunSession::pause);
    connect(playback_, &PlaybackBar::restartRequested, session_, &RunSession::restart);
    connect(playback_, &PlaybackBar::stepForward, session_, &RunSession::stepForward);
    connect(playback_, &PlaybackBar::stepBack, session_, &RunSession::stepBack);
    connect(playback_, &PlaybackBar::speedChanged, session_, &RunSession::setSpeed);
    connect(playback_, &PlaybackBar::seekRequested, this, [this](qint64 ns) {
        const qint64 start = session_->model() ? session_->model()->startTime() : 0;
        session_->seek(start + ns);
    });
}

// ---- files

QString MainWindow::displayName() const
{
    return file_.isEmpty() ? QString::fromLatin1(kUntitled) : QFileInfo(file_).fileName();
}

void MainWindow::updateTitle()
{
    const bool modified = editor_->document()->isModified();
    setWindowTitle(QStringLiteral("%1[*] — Loopscope").arg(displayName()));
    setWindowModified(modified);
}

void MainWindow::setSource(const QString& source, const QString& fileName)
{
    editor_->setPlainText(source);
    editor_->clearError();
    editor_->setTaskMarks({});
    editor_->setSelectedLine(0);
    editor_->document()->setModified(false);
    sourceMatchesRun_ = false;
    file_ = fileName;
    for (int i = 0; i < demos_.size(); ++i)
        if (demos_[i].path == fileName) {
            const QSignalBlocker block(demoList_);
            demoList_->setCurrentRow(i);
        }
    if (!fileName.startsWith(QLatin1Char(':')))
        demoList_->clearSelection();
    updateTitle();
}

bool MainWindow::openFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        ConsoleEntry e;
        e.kind = ConsoleEntry::Kind::Error;
        e.text = tr("Cannot open %1: %2").arg(QDir::toNativeSeparators(path), f.errorString());
        console_->addEntry(e);
        statusBar()->showMessage(e.text, 8000);
        return false;
    }
    const QByteArray data = f.readAll();
    if (data.contains('\0')) {
        ConsoleEntry e;
        e.kind = ConsoleEntry::Kind::Error;
        e.text = tr("%1 is not a text file.").arg(QDir::toNativeSeparators(path));
        console_->addEntry(e);
        statusBar()->showMessage(e.text, 8000);
        return false;
    }
    setSource(QString::fromUtf8(data), path);
    if (!path.startsWith(QLatin1Char(':')))
        addRecentFile(QFileInfo(path).absoluteFilePath());
    statusBar()->showMessage(tr("Opened %1").arg(displayName()), 4000);
    return true;
}

bool MainWindow::openDemo(int index)
{
    if (index < 0 || index >= demos_.size())
        return false;
    if (!maybeKeepEdits())
        return false;
    setSource(demos_[index].source, demos_[index].path);
    statusBar()->showMessage(tr("%1 — %2").arg(demos_[index].title, demos_[index].lesson), 8000);
    return true;
}

bool MainWindow::maybeKeepEdits()
{
    if (!editor_->document()->isModified() || editor_->document()->isEmpty())
        return true;
    const auto answer = QMessageBox::question(this, tr("Unsaved changes"),
                                              tr("%1 has changes that are not saved. Save them first?").arg(displayName()),
                                              QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Save)
        return save();
    return true;
}

void MainWindow::openDialog()
{
    if (!maybeKeepEdits())
        return;
    QString dir;
    if (!file_.isEmpty() && !file_.startsWith(QLatin1Char(':')))
        dir = QFileInfo(file_).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a Python program"), dir,
                                                      tr("Python programs (*.py);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::save()
{
    if (file_.isEmpty() || file_.startsWith(QLatin1Char(':')))
        return saveAs();
    QSaveFile f(file_);
    if (!f.open(QIODevice::WriteOnly) || f.write(editor_->toPlainText().toUtf8()) < 0 || !f.commit()) {
        ConsoleEntry e;
        e.kind = ConsoleEntry::Kind::Error;
        e.text = tr("Cannot save %1: %2").arg(QDir::toNativeSeparators(file_), f.errorString());
        console_->addEntry(e);
        statusBar()->showMessage(e.text, 8000);
        return false;
    }
    editor_->document()->setModified(false);
    addRecentFile(QFileInfo(file_).absoluteFilePath());
    statusBar()->showMessage(tr("Saved %1").arg(displayName()), 4000);
    return true;
}

bool MainWindow::saveAs()
{
    QString suggestion = displayName();
    if (!file_.isEmpty() && !file_.startsWith(QLatin1Char(':')))
        suggestion = file_;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the program"), suggestion, tr("Python programs (*.py)"));
    if (path.isEmpty())
        return false;
    const QString old = file_;
    file_ = path;
    if (!save()) {
        file_ = old;
        return false;
    }
    updateTitle();
    return true;
}

void MainWindow::reportProblem(const QString& text)
{
    ConsoleEntry e;
    e.kind = ConsoleEntry::Kind::Error;
    e.text = text;
    console_->addEntry(e);
    statusBar()->showMessage(text, 8000);
    if (!consoleDock_->isVisible())
        consoleDock_->show();
}

bool MainWindow::exportTo(const QString& path)
{
    const TimelineModel* m = session_->model();
    if (!m || !session_->recorder() || m->eventCount() == 0) {
        reportProblem(tr("Nothing to export yet: run the program first."));
        return false;
    }
    QString error;
    bool ok = false;
    if (path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)) {
        TraceJsonWriteOptions o;
        o.title = session_->fileName();
        o.generator = QStringLiteral("loopscope %1").arg(QStringLiteral(LOOPSCOPE_VERSION));
        ok = writeTraceJsonFile(*session_->recorder(), path, o, &error);
    } else if (timelineExportFormatFor(path) == TimelineExportFormat::Unknown) {
        error = tr("unknown file type (use .png, .svg, .pdf or .json)");
    } else {
        TimelineExportOptions o;
        o.theme = timeline_->theme();
        o.title = session_->fileName();
        o.scale = devicePixelRatioF() > 1 ? devicePixelRatioF() : 2;  // crisp on any screen
        ok = TimelineExport(*m, o).save(path, &error);
    }
    if (!ok) {
        reportProblem(tr("Cannot export to %1: %2").arg(QDir::toNativeSeparators(path), error));
        return false;
    }
    statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

bool MainWindow::openTrace(const QString& path)
{
    QString error;
    TraceJsonInfo info;
    std::unique_ptr<aio::Recorder> rec = readTraceJsonFile(path, &error, &info);
    if (!rec) {
        reportProblem(tr("Cannot open the trace: %1").arg(error));
        return false;
    }
    console_->clearEntries();
    editor_->clearError();
    RunOutcome outcome = RunOutcome::Finished;
    for (std::size_t i = 0; i < rec->size(); ++i)
        if ((*rec)[i].kind == aio::EventKind::deadlock)
            outcome = RunOutcome::Deadlocked;
    session_->showRecording(std::move(rec), outcome, info.title.isEmpty() ? QFileInfo(path).fileName() : info.title);
    statusBar()->showMessage(tr("Showing the trace %1").arg(QFileInfo(path).fileName()), 5000);
    return true;
}

void MainWindow::exportDialog()
{
    QString base = QFileInfo(displayName()).completeBaseName();
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export the run"), base + QStringLiteral(".png"),
        tr("PNG image (*.png);;SVG drawing (*.svg);;PDF page (*.pdf);;Trace for Perfetto (*.json)"));
    if (!path.isEmpty())
        exportTo(path);
}

void MainWindow::openTraceDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a trace"), QString(), tr("Loopscope traces (*.json)"));
    if (!path.isEmpty())
        openTrace(path);
}

QStringList MainWindow::recentFiles() const
{
    return QSettings().value(QStringLiteral("recentFiles")).toStringList();
}

void MainWindow::addRecentFile(const QString& path)
{
    QSettings s;
    QStringList list = s.value(QStringLiteral("recentFiles")).toStringList();
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > kMaxRecent)
        list.removeLast();
    s.setValue(QStringLiteral("recentFiles"), list);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    recentMenu_->clear();
    const QStringList list = recentFiles();
    int n = 0;
    for (const QString& path : list) {
        ++n;
        QAction* a = recentMenu_->addAction(QStringLiteral("&%1 %2").arg(n).arg(QFileInfo(path).fileName()));
        a->setToolTip(path);
        a->setStatusTip(QDir::toNativeSeparators(path));
        connect(a, &QAction::triggered, this, [this, path] {
            if (maybeKeepEdits())
                openFile(path);
        });
    }
    if (list.isEmpty()) {
        recentMenu_->addAction(tr("No recent files"))->setEnabled(false);
    } else {
        recentMenu_->addSeparator();
        connect(recentMenu_->addAction(tr("Clear List")), &QAction::triggered, this, [this] {
            QSettings().remove(QStringLiteral("recentFiles"));
            rebuildRecentMenu();
        });
    }
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e)
{
    for (const QUrl& u : e->mimeData()->urls())
        if (u.isLocalFile() && u.toLocalFile().endsWith(QLatin1String(".py"), Qt::CaseInsensitive)) {
            e->acceptProposedAction();
            return;
        }
}

void MainWindow::dropEvent(QDropEvent* e)
{
    for (const QUrl& u : e->mimeData()->urls())
        if (u.isLocalFile() && u.toLocalFile().endsWith(QLatin1String(".py"), Qt::CaseInsensitive)) {
            e->acceptProposedAction();
            if (maybeKeepEdits())
                openFile(u.toLocalFile());
            return;
        }
}

// ---- settings and theme

void MainWindow::readSettings()
{
    QSettings s;
    restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(s.value(QStringLiteral("window/state")).toByteArray());
    const double speed = s.value(QStringLiteral("playback/speed"), 1.0).toDouble();
    playback_->setSpeed(speed);
    session_->setSpeed(playback_->speed());
    const int theme = s.value(QStringLiteral("view/theme"), int(ThemeChoice::System)).toInt();
    themeChoice_ = theme >= 0 && theme <= 2 ? ThemeChoice(theme) : ThemeChoice::System;
    for (QAction* a : themeGroup_->actions())
        a->setChecked(a->data().toInt() == int(themeChoice_));
    timeline_->setFollow(s.value(QStringLiteral("view/follow"), true).toBool());
    const QString mode = s.value(QStringLiteral("run/mode")).toString();
    for (RunSession::RunMode m : {RunSession::RunMode::LivePaced, RunSession::RunMode::LiveWallClock})
        if (mode == QLatin1String(runModeKey(m)) && RunSession::canRunLive())
            session_->setRunMode(m);
    updateRunModeUi();
}

void MainWindow::writeSettings() const
{
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState());
    s.setValue(QStringLiteral("playback/speed"), playback_->speed());
    s.setValue(QStringLiteral("view/theme"), int(themeChoice_));
    s.setValue(QStringLiteral("view/follow"), timeline_->follow());
    s.setValue(QStringLiteral("run/mode"), QString::fromLatin1(runModeKey(session_->runMode())));
    if (!file_.isEmpty())
        s.setValue(QStringLiteral("lastFile"), file_);
}

bool MainWindow::eventFilter(QObject* watched, QEvent* e)
{
    // Zooming or dragging the timeline by hand ends the automatic fit to the whole run.
    if (watched == timeline_->viewport()) {
        if (e->type() == QEvent::Wheel)
            fitTimeline_ = false;
        else if (e->type() == QEvent::MouseMove && static_cast<QMouseEvent*>(e)->buttons() != Qt::NoButton)
            fitTimeline_ = false;
    }
    return QMainWindow::eventFilter(watched, e);
}

void MainWindow::closeEvent(QCloseEvent* e)
{
    if (!maybeKeepEdits()) {
        e->ignore();
        return;
    }
    session_->stop();
    writeSettings();
    e->accept();
}

void MainWindow::setThemeChoice(ThemeChoice choice)
{
    themeChoice_ = choice;
    for (QAction* a : themeGroup_->actions())
        a->setChecked(a->data().toInt() == int(choice));
    applyTheme();
    QSettings().setValue(QStringLiteral("view/theme"), int(choice));
}

void MainWindow::changeEvent(QEvent* e)
{
    QMainWindow::changeEvent(e);
    // The system switched between light and dark: follow it (unless a theme was chosen).
    if ((e->type() == QEvent::ApplicationPaletteChange || e->type() == QEvent::ThemeChange) && !applyingTheme_
        && themeChoice_ == ThemeChoice::System) {
        systemPalette_ = QApplication::palette();
        applyTheme();
    }
}

void MainWindow::applyTheme()
{
    applyingTheme_ = true;
    QPalette pal;
    switch (themeChoice_) {
    case ThemeChoice::System: pal = systemPalette_; break;
    case ThemeChoice::Light: pal = lightPalette(); break;
    case ThemeChoice::Dark: pal = darkPalette(); break;
    }
    setPalette(pal);
    dark_ = paletteIsDark(pal);
    const TimelineTheme theme = dark_ ? TimelineTheme::dark() : TimelineTheme::light();
    timeline_->setTheme(theme);
    inspector_->setTheme(theme);
    editor_->setDarkColours(dark_);
    console_->setDarkColours(dark_);
    QPalette strip = pal;
    strip.setColor(QPalette::Window, theme.headerBackground);
    strip.setColor(QPalette::WindowText, theme.gutterText);
    strip.setColor(QPalette::PlaceholderText, theme.dimText);
    summaryStrip_->setPalette(strip);
    applyingTheme_ = false;
    updateEditorMarks();
    overlay_->update();
}

// ---- running

void MainWindow::run()
{
    console_->clearEntries();
    editor_->clearError();
    const QString fileName = displayName();
    sourceMatchesRun_ = true;
    session_->start(editor_->toPlainText(), fileName);
    statusBar()->showMessage(session_->isLive() ? tr("Running %1 live").arg(fileName) : tr("Running %1").arg(fileName));
    updateRunActions();
    updateRunModeUi();
    updateSummary();
}

void MainWindow::stopRun()
{
    if (session_->isRunning())
        session_->stop();
    else
        session_->pause();
}

void MainWindow::updateRunActions()
{
    stopAct_->setEnabled(session_->isRunning() || session_->isPlaying());
}

void MainWindow::selectTask(quint32 id)
{
    timeline_->setSelectedTask(id);
}

void MainWindow::onRunStarted()
{
    TimelineModel* m = session_->model();
    timeline_->setModel(m);
    timeline_->setPlayhead(session_->playhead());
    inspector_->setModel(m);
    printsSeen_ = 0;
    problemsSeen_ = 0;
    streamOutput_ = false;
    deadlockReported_ = false;
    deadlocked_.clear();
    overlay_->setTasks({});
    summaryShown_ = false;
    fitTimeline_ = true;
    liveSpan_ = 0;
    playback_->setDuration(0);
    playback_->setCurrentTime(0);
    editor_->setTaskMarks({});
    editor_->setSelectedLine(0);
    updateSummary();
    updateRunActions();
}

void MainWindow::onModelUpdated()
{
    TimelineModel* m = session_->model();
    if (!m)
        return;
    timeline_->modelUpdated();
    if (session_->isLive())
        updateLiveView();
    else if (fitTimeline_)
        timeline_->fitToRun();
    playback_->setDuration(std::max(m->endTime(), session_->isLive() ? session_->playhead() : 0) - m->startTime());
    // Printed lines from the trace, unless the runner reports output as text itself.
    if (!streamOutput_) {
        const auto& prints = m->printEvents();
        for (; printsSeen_ < prints.size(); ++printsSeen_) {
            const std::uint32_t ev = prints[printsSeen_];
            ConsoleEntry e;
            e.kind = ConsoleEntry::Kind::Output;
            e.time = m->timeOf(ev);
            e.task = m->event(ev).a;
            e.taskName = m->taskName(e.task);
            QString text = m->eventText(ev);
            if (text.endsWith(QLatin1Char('\n')))
                text.chop(1);
            e.text = text;
            console_->addEntry(e);
        }
    }
    consumeProblems();
    inspector_->refresh();
    updateEditorMarks();
}

void MainWindow::consumeProblems()
{
    TimelineModel* m = session_->model();
    const auto& problems = m->problemEvents();
    for (; problemsSeen_ < problems.size(); ++problemsSeen_) {
        const std::uint32_t ev = problems[problemsSeen_];
        const aio::TraceEvent& te = m->event(ev);
        ConsoleEntry e;
        e.time = te.time_ns;
        e.text = m->eventText(ev);
        if (te.kind == aio::EventKind::deadlock) {
            e.kind = ConsoleEntry::Kind::Deadlock;
            const bool already = deadlockReported_;
            deadlockReported_ = true;
            // Every task still pending is stuck: that is what the report lists.
            deadlocked_.clear();
            for (const TimelineTask& t : m->tasks())
                if (t.createdEvent != kNoEvent && (t.finishEvent == kNoEvent || t.finishEvent > ev))
                    deadlocked_ << t.id;
            if (!deadlocked_.isEmpty())
                e.task = deadlocked_.first();
            overlay_->setTasks(deadlocked_);
            if (already) {
                // The runner's report came first: let its entry select the stuck task too.
                for (int i = 0; i < console_->entries().size(); ++i)
                    if (console_->entries()[i].kind == ConsoleEntry::Kind::Deadlock && !console_->entries()[i].task)
                        console_->setEntryTask(i, e.task);
                continue;
            }
        } else {
            e.kind = ConsoleEntry::Kind::Warning;
            if (te.a && m->task(te.a)) {
                e.task = te.a;
                e.taskName = m->taskName(te.a);
            }
        }
        console_->addEntry(e);
    }
}

void MainWindow::onPlayhead(qint64 ns)
{
    TimelineModel* m = session_->model();
    const qint64 start = m ? m->startTime() : 0;
    if (session_->isLive()) {
        updateLiveView();
        if (m)
            playback_->setDuration(std::max(m->endTime(), ns) - start);
    }
    timeline_->setPlayhead(ns);
    playback_->setCurrentTime(ns - start);
    console_->setPlayhead(ns);
    inspector_->setTime(ns);
    updateEditorMarks();
    updateRunActions();
    if (session_->atEnd() != playheadAtEnd_) {
        playheadAtEnd_ = session_->atEnd();
        updateSummary();
    }
}

void MainWindow::updateEditorMarks()
{
    TimelineModel* m = session_->model();
    if (!m || !sourceMatchesRun_) {
        editor_->setTaskMarks({});
        editor_->setSelectedLine(0);
        return;
    }
    const qint64 t = session_->playhead();
    const TimelineTheme& th = timeline_->theme();
    QVector<TaskLineMark> marks;
    for (const TimelineTask& task : m->tasks()) {
        if (task.createdEvent == kNoEvent || m->timeOf(task.createdEvent) > t)
            continue;
        if (task.finishEvent != kNoEvent && m->timeOf(task.finishEvent) <= t)
            continue;
        const int line = m->lineAt(task, t);
        if (line <= 0)
            continue;
        marks.push_back({line, taskColorAt(*m, th, task, t), task.id, m->taskName(task.id)});
    }
    editor_->setTaskMarks(marks);
    const aio::ObjectId sel = timeline_->selectedTask();
    const TimelineTask* st = sel ? m->task(sel) : nullptr;
    if (st) {
        const int line = m->lineAt(*st, t);
        editor_->setSelectedLine(line, taskColorAt(*m, th, *st, t));
    } else {
        editor_->setSelectedLine(0);
    }
}

void MainWindow::onDiagnostic(const RunDiagnostic& d)
{
    ConsoleEntry e;
    e.kind = d.severity == RunDiagnostic::Severity::Warning ? ConsoleEntry::Kind::Warning : ConsoleEntry::Kind::Error;
    if (d.kind == RunDiagnostic::Kind::Deadlock) {
        // The trace's deadlock event says the same: one entry, the runner's fuller report
        // (it names the lines) with the line to jump to.
        e.kind = ConsoleEntry::Kind::Deadlock;
        if (!deadlocked_.isEmpty())
            e.task = deadlocked_.first();
        if (deadlockReported_) {
            for (int i = 0; i < console_->entries().size(); ++i)
                if (console_->entries()[i].kind == ConsoleEntry::Kind::Deadlock) {
                    e.time = console_->entries()[i].time;
                    e.text = d.details.isEmpty() ? d.message : d.details;
                    e.line = d.line;
                    e.column = d.column;
                    console_->replaceEntry(i, e);
                }
            if (d.line > 0)
                editor_->setError(d.line, d.column, d.message);
            return;
        }
        deadlockReported_ = true;
    } else if (d.kind == RunDiagnostic::Kind::Stopped) {
        e.kind = ConsoleEntry::Kind::Info;
    }
    e.time = d.time;
    e.text = d.details.isEmpty() ? d.message : d.details;
    e.line = d.line;
    e.column = d.column;
    console_->addEntry(e);
    if (d.severity == RunDiagnostic::Severity::Error && d.line > 0 && d.kind != RunDiagnostic::Kind::Stopped) {
        editor_->setError(d.line, d.column, d.message);
        editor_->goToLine(d.line, d.column);
    }
    if (!consoleDock_->isVisible())
        consoleDock_->show();
}

void MainWindow::onRunFinished(RunOutcome outcome, const QString& message)
{
    TimelineModel* m = session_->model();
    if (m)
        consumeProblems();
    const qint64 end = m ? m->endTime() : -1;
    // The outcome's message usually repeats a diagnostic already in the console.
    bool reported = false;
    for (const ConsoleEntry& e : console_->entries())
        reported |= e.kind == ConsoleEntry::Kind::Error || e.kind == ConsoleEntry::Kind::Deadlock
                    || (!message.isEmpty() && e.text.contains(message));
    if (!message.isEmpty() && !reported && outcome != RunOutcome::Finished) {
        ConsoleEntry e;
        e.kind = ConsoleEntry::Kind::Error;
        e.time = end;
        e.text = message;
        console_->addEntry(e);
    }
    bool stopReported = false;
    for (const ConsoleEntry& e : console_->entries())
        stopReported |= e.kind == ConsoleEntry::Kind::Info && e.text.startsWith(QLatin1String("stopped"), Qt::CaseInsensitive);
    if (outcome == RunOutcome::Stopped && !stopReported) {
        ConsoleEntry e;
        e.kind = ConsoleEntry::Kind::Info;
        e.time = -1;
        e.text = tr("Stopped at %1.").arg(formatDuration(end < 0 ? 0 : end));
        console_->addEntry(e);
    }
    if (m && m->eventCount() > 0) {
        const RunSummary s = summarizeRun(*m);
        ConsoleEntry e;
        e.kind = ConsoleEntry::Kind::Summary;
        e.time = end;
        e.text = QStringLiteral("%1 · %2").arg(s.headline(), s.tasksLine());
        console_->addEntry(e);
    }
    summaryShown_ = true;
    if (m && fitTimeline_)
        timeline_->fitToRun();
    if (m)
        playback_->setDuration(m->endTime() - m->startTime());
    updateSummary();
    updateRunActions();
    updateRunModeUi();
    const QString what = outcome == RunOutcome::Finished     ? tr("finished")
                         : outcome == RunOutcome::Deadlocked ? tr("deadlocked")
                         : outcome == RunOutcome::Stopped    ? tr("was stopped")
                                                             : tr("failed");
    statusBar()->showMessage(tr("%1 %2").arg(displayName(), what), 6000);
}

void MainWindow::updateSummary()
{
    TimelineModel* m = session_->model();
    if (!m) {
        summaryTitle_->setText(tr("Pick a demo or open a program, then press Run (%1).")
                                   .arg(runAct_ ? runAct_->shortcut().toString(QKeySequence::NativeText) : QStringLiteral("Ctrl+R")));
        summaryDetail_->setText(tr("Every task gets a lane: solid while it runs, hatched while it waits, and the colour says on what."));
        return;
    }
    const QString keys = tr("Space pauses, ← and → step from event to event, %1 jumps to the end.")
                             .arg(skipEndAct_->shortcut().toString(QKeySequence::NativeText));
    if (session_->isRealTime()) {
        summaryTitle_->setText(tr("Running %1 live, on the wall clock…").arg(session_->fileName()));
        summaryDetail_->setText(tr("Time is real: the program runs as it would under python3. %1 stops it.")
                                    .arg(stopAct_->shortcut().toString(QKeySequence::NativeText)));
        return;
    }
    if (session_->isLive()) {
        summaryTitle_->setText(tr("Running %1 live, on virtual time…").arg(session_->fileName()));
        summaryDetail_->setText(tr("Space pauses the program itself, → runs it to its next event, %1 runs it to the end, %2 stops it.")
                                    .arg(skipEndAct_->shortcut().toString(QKeySequence::NativeText),
                                         stopAct_->shortcut().toString(QKeySequence::NativeText)));
        return;
    }
    if (session_->isRunning() || !summaryShown_) {
        summaryTitle_->setText(tr("Running %1…").arg(session_->fileName()));
        summaryDetail_->setText(keys);
        return;
    }
    playheadAtEnd_ = session_->atEnd();
    if (!playheadAtEnd_) {
        summaryTitle_->setText(tr("Playing back %1").arg(session_->fileName()));
        summaryDetail_->setText(keys);
        return;
    }
    const RunSummary s = summarizeRun(*m);
    QString title;
    switch (session_->outcome()) {
    case RunOutcome::Deadlocked:
        title = s.unfinished == 1 ? tr("Deadlock after %1: a task waits for something that can never happen").arg(formatDuration(s.runTime))
                                  : tr("Deadlock after %1: %2 tasks stuck, waiting for each other").arg(formatDuration(s.runTime)).arg(s.unfinished);
        break;
    case RunOutcome::Stopped: title = tr("Stopped after %1 — %2").arg(formatDuration(s.runTime), s.headline()); break;
    case RunOutcome::Failed:
        title = s.tasks ? tr("The program failed after %1 — %2").arg(formatDuration(s.runTime), s.headline())
                        : tr("The program did not run: see the console");
        break;
    case RunOutcome::Finished: title = s.headline(); break;
    }
    summaryTitle_->setText(title);
    summaryDetail_->setText(s.tasks ? QStringLiteral("%1  ·  %2").arg(s.tasksLine(), s.breakdown()) : QString());
}

QString MainWindow::summaryText() const
{
    return summaryTitle_->text() + QLatin1Char('\n') + summaryDetail_->text();
}

// ---- help

void MainWindow::showShortcuts()
{
    QDialog dlg(this);
    dlg.setWindowTitle(tr("Keyboard Shortcuts"));
    auto* lay = new QVBoxLayout(&dlg);
    auto* table = new QTableWidget(&dlg);
    table->setColumnCount(2);
    table->setHorizontalHeaderLabels({tr("Action"), tr("Shortcut")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    QList<QPair<QString, QString>> rows;
    for (QAction* a : allActions())
        if (!a->shortcut().isEmpty())
            rows << qMakePair(a->text().remove(QLatin1Char('&')).remove(QStringLiteral("…")),
                              a->shortcut().toString(QKeySequence::NativeText));
    rows << qMakePair(tr("Zoom the timeline around the mouse"), tr("Ctrl+Wheel"));
    rows << qMakePair(tr("Pan the timeline"), tr("Drag"));
    rows << qMakePair(tr("Run a demo"), tr("Double-click it"));
    table->setRowCount(int(rows.size()));
    for (int i = 0; i < rows.size(); ++i) {
        table->setItem(i, 0, new QTableWidgetItem(rows[i].first));
        table->setItem(i, 1, new QTableWidgetItem(rows[i].second));
    }
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    lay->addWidget(table);
    auto* box = new QDialogButtonBox(QDialogButtonBox::Close, &dlg);
    connect(box, &QDialogButtonBox::rejected, &dlg, &QDialog::reject);
    lay->addWidget(box);
    dlg.resize(460, 520);
    dlg.exec();
}

void MainWindow::showPythonSubset()
{
    QDialog dlg(this);
    dlg.setWindowTitle(tr("Supported Python"));
    auto* lay = new QVBoxLayout(&dlg);
    auto* text = new QTextBrowser(&dlg);
    text->setOpenExternalLinks(false);
    text->setHtml(tr(
        "<h3>The Python Loopscope runs</h3>"
        "<p>Loopscope runs a subset of Python 3.11 with its own interpreter, and every asyncio call lands on "
        "its C++ event loop. A program that runs here also runs unchanged under CPython and prints the same lines.</p>"
        "<h4>Language</h4>"
        "<ul><li><code>async def</code>, <code>await</code>, <code>async with</code>, <code>async for</code></li>"
        "<li>functions, default and keyword arguments, <code>*args</code>/<code>**kwargs</code>, lambdas, closures, classes</li>"
        "<li><code>if</code>/<code>for</code>/<code>while</code>, <code>try</code>/<code>except</code>/<code>finally</code>, "
        "<code>except*</code>, <code>raise</code>, <code>with</code></li>"
        "<li>lists, dicts, sets, tuples, comprehensions, slicing, f-strings and <code>%</code>/<code>format</code></li>"
        "<li>int (arbitrary size), float, str, bool, None; the usual builtins</li></ul>"
        "<h4>Modules</h4>"
        "<ul><li><b>asyncio</b>: run, create_task, sleep, gather, wait, wait_for, as_completed, timeout, shield, "
        "TaskGroup, Lock, Event, Condition, Semaphore, BoundedSemaphore, Queue, PriorityQueue, LifoQueue, "
        "to_thread, run_coroutine_threadsafe, current_task, all_tasks</li>"
        "<li><b>time</b> (sleep blocks the loop, as it does in asyncio), <b>random</b>, <b>datetime</b>, "
        "<b>functools</b>, <b>typing</b></li></ul>"
        "<h4>Not available</h4>"
        "<p>Programs cannot reach files, the network or other processes: <code>open()</code>, sockets, "
        "subprocesses and <code>import</code> of other modules are refused with a clear error.</p>"
        "<h4>Time</h4>"
        "<p>Runs use a virtual clock: <code>await asyncio.sleep(5)</code> takes no real time, and the window "
        "plays the recorded run back at the speed you choose.</p>"));
    lay->addWidget(text);
    auto* box = new QDialogButtonBox(QDialogButtonBox::Close, &dlg);
    connect(box, &QDialogButtonBox::rejected, &dlg, &QDialog::reject);
    lay->addWidget(box);
    dlg.resize(560, 560);
    dlg.exec();
}

void MainWindow::showAbout()
{
    QMessageBox box(this);
    box.setWindowTitle(tr("About Loopscope"));
    box.setIconPixmap(QIcon(QStringLiteral(":/icons/loopscope.svg")).pixmap(64, 64));
    box.setText(tr("<h3>Loopscope %1</h3>").arg(QStringLiteral(LOOPSCOPE_VERSION)));
    box.setInformativeText(tr("See asyncio scheduling happen: every task of a program on a timeline, moment by "
                              "moment — who holds the loop, who sleeps, who waits on what, who timed out.<br><br>"
                              "Built with Qt %1.").arg(QString::fromLatin1(qVersion())));
    box.exec();
}

// ---- entry point

int runWindow(QApplication& app, const QString& fileToOpen)
{
    if (QCoreApplication::organizationName().isEmpty())
        QCoreApplication::setOrganizationName(QStringLiteral("Loopscope"));
    if (QCoreApplication::applicationName().isEmpty() || QCoreApplication::applicationName() == QLatin1String("loopscope"))
        QCoreApplication::setApplicationName(QStringLiteral("Loopscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LOOPSCOPE_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("loopscope"));
    DemoCatalog::ensureResources();
    app.setWindowIcon(QIcon(QStringLiteral(":/icons/loopscope.svg")));

    MainWindow w;
    bool opened = false;
    if (!fileToOpen.isEmpty())
        opened = fileToOpen.endsWith(QLatin1String(".json"), Qt::CaseInsensitive) ? w.openTrace(fileToOpen)
                                                                                  : w.openFile(fileToOpen);
    if (!opened) {
        const QString last = QSettings().value(QStringLiteral("lastFile")).toString();
        if (!last.isEmpty() && fileToOpen.isEmpty() && QFileInfo::exists(last))
            opened = w.openFile(last);
    }
    if (!opened && !w.demos().isEmpty() && fileToOpen.isEmpty())
        w.openDemo(0);
    w.show();
    return app.exec();
}
