#include <ui/timeline_export.hpp>

#include <QBuffer>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QImageWriter>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <algorithm>
#include <cmath>

namespace {

constexpr qreal kTitleHeight = 44;
constexpr qreal kFooterHeight = 20;
constexpr qreal kMinTimelineHeight = TimelinePainter::kAxisHeight + TimelinePainter::kLoopHeight + 1 + 2 * TimelinePainter::kTaskHeight;
// PDF pages may not exceed 200 inches a side; bigger pages are scaled down to fit.
constexpr qreal kMaxPdfPoints = 14400;

bool haveGuiApplication(QString* error)
{
    if (qobject_cast<QGuiApplication*>(QCoreApplication::instance()))
        return true;
    if (error)
        *error = QStringLiteral("drawing a timeline needs a QGuiApplication (use QT_QPA_PLATFORM=offscreen without a display)");
    return false;
}

QString countOf(qsizetype n, const char* one, const char* many)
{
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}

}  // namespace

TimelineExportFormat timelineExportFormatFor(const QString& path)
{
    const QString ext = QFileInfo(path).suffix().toLower();
    if (ext == QLatin1String("png"))
        return TimelineExportFormat::Png;
    if (ext == QLatin1String("svg"))
        return TimelineExportFormat::Svg;
    if (ext == QLatin1String("pdf"))
        return TimelineExportFormat::Pdf;
    return TimelineExportFormat::Unknown;
}

TimelineExport::TimelineExport(const TimelineModel& model, const TimelineExportOptions& options)
    : model_(model),
      options_(options),
      painter_(std::make_unique<TimelinePainter>(model))
{
    options_.scale = options_.scale > 0 ? options_.scale : 1;
    TimelinePainter& p = *painter_;
    p.setTheme(options_.theme);
    p.setShowResources(options_.showResources);
    p.setCutoff(TimelinePainter::kNoCutoff);
    p.setPlayhead(-1);

    const qreal width = options_.width > 0 ? options_.width : kDefaultWidth;
    const qreal titleH = options_.title.isEmpty() ? 0 : kTitleHeight;
    p.setSize(QSizeF(width, 100));
    const QSizeF legendSize = p.legendSize(width - 16);
    qreal legendH = legendSize.height() + 8;
    const qreal contentH = p.fullHeight();  // header and every lane

    qreal timelineH = contentH;
    if (options_.height > 0) {
        timelineH = options_.height - titleH - legendH;
        if (timelineH < kMinTimelineHeight) {  // a short page keeps the lanes, not the legend
            legendH = 0;
            timelineH = options_.height - titleH;
        }
        timelineH = std::max<qreal>(timelineH, 1);
    } else {
        // Past what a PNG can hold, the page is cut and says how many lanes are missing.
        const qreal maxPage = qreal(kMaxImageSide) / options_.scale;
        const qreal maxPixels = qreal(kMaxImagePixels) / (options_.scale * options_.scale) / width;
        const qreal limit = std::min(maxPage, maxPixels);
        if (titleH + contentH + legendH > limit)
            timelineH = std::max<qreal>(limit - titleH - legendH - kFooterHeight, kMinTimelineHeight);
    }
    // Lanes below the page's edge; when some are, a footer line says how many.
    auto countHidden = [&](qreal h) {
        int n = 0;
        for (const TimelineRow& r : p.rows())
            if (r.kind != TimelineRowKind::SectionLabel && r.y + r.height > h - p.headerHeight() + 0.5)
                ++n;
        return n;
    };
    hiddenLanes_ = countHidden(timelineH);
    if (hiddenLanes_ > 0 && options_.height > 0) {
        timelineH = std::max<qreal>(timelineH - kFooterHeight, 1);
        hiddenLanes_ = countHidden(timelineH);
    }
    const qreal footerH = hiddenLanes_ > 0 ? kFooterHeight : 0;

    title_ = QRectF(0, 0, width, titleH);
    timeline_ = QRectF(0, titleH, width, timelineH);
    legend_ = QRectF(8, titleH + timelineH + footerH + 4, width - 16, std::max<qreal>(legendH - 8, 0));
    page_ = QSizeF(width, options_.height > 0 ? qreal(options_.height) : titleH + timelineH + footerH + legendH);

    p.setSize(timeline_.size());
    const bool whole = options_.from < 0 && options_.to < 0;
    if (whole) {
        p.fitToRun();
    } else {
        const qint64 from = options_.from >= 0 ? options_.from : model.startTime();
        const qint64 to = options_.to >= 0 ? options_.to : std::max(model.endTime(), from + 1);
        p.setTimeRange(from, to);
    }

    QStringList info;
    info << countOf(qsizetype(model.tasks().size()), "task", "tasks");
    info << QStringLiteral("%1 recorded").arg(TimelinePainter::formatTime(model.endTime() - model.startTime()));
    if (!whole)
        info << QStringLiteral("showing %1 – %2").arg(TimelinePainter::formatTime(p.timeFrom()), TimelinePainter::formatTime(p.timeTo()));
    info_ = info.join(QStringLiteral(" · "));
}

TimelineExport::~TimelineExport() = default;

void TimelineExport::paint(QPainter& p) const
{
    const TimelineTheme& th = options_.theme;
    p.save();
    p.fillRect(QRectF(QPointF(0, 0), page_), th.background);
    if (!title_.isEmpty()) {
        p.fillRect(title_, th.headerBackground);
        QFont titleFont;
        titleFont.setPixelSize(18);
        titleFont.setBold(true);
        QFont infoFont;
        infoFont.setPixelSize(12);
        const QFontMetricsF infoMetrics(infoFont);
        const qreal infoW = std::min(infoMetrics.horizontalAdvance(info_) + 4, title_.width() / 2);
        const QRectF textRect = title_.adjusted(12, 0, -12, 0);
        p.setFont(infoFont);
        p.setPen(th.dimText);
        p.drawText(QRectF(textRect.right() - infoW, textRect.top(), infoW, textRect.height()), Qt::AlignRight | Qt::AlignVCenter,
                   infoMetrics.elidedText(info_, Qt::ElideRight, infoW));
        p.setFont(titleFont);
        p.setPen(th.gutterText);
        const QFontMetricsF titleMetrics(titleFont);
        const qreal titleW = textRect.width() - infoW - 16;
        p.drawText(QRectF(textRect.left(), textRect.top(), titleW, textRect.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   titleMetrics.elidedText(options_.title, Qt::ElideRight, titleW));
        p.setPen(QPen(th.grid, 1));
        p.drawLine(QPointF(0, title_.bottom() - 0.5), QPointF(title_.width(), title_.bottom() - 0.5));
    }

    p.save();
    p.translate(timeline_.topLeft());
    p.setClipRect(QRectF(QPointF(0, 0), timeline_.size()));
    painter_->paint(p);
    p.restore();

    if (hiddenLanes_ > 0) {
        QFont f;
        f.setPixelSize(11);
        f.setItalic(true);
        p.setFont(f);
        p.setPen(th.dimText);
        p.drawText(QRectF(12, timeline_.bottom(), page_.width() - 24, kFooterHeight), Qt::AlignLeft | Qt::AlignVCenter,
                       QStringLiteral("… %1 not shown (the page is full)").arg(countOf(hiddenLanes_, "more lane", "more lanes")));
    }
    if (legend_.height() > 0) {
        p.setPen(QPen(th.grid, 1));
        p.drawLine(QPointF(0, legend_.top() - 4.5), QPointF(page_.width(), legend_.top() - 4.5));
        painter_->paintLegend(p, legend_);
    }
    p.restore();
}

QImage TimelineExport::toImage(QString* error) const
{
    if (!haveGuiApplication(error))
        return QImage();
    const qreal s = options_.scale;
    const qint64 w = qint64(std::ceil(page_.width() * s - 1e-6));
    const qint64 h = qint64(std::ceil(page_.height() * s - 1e-6));
    if (w < 1 || h < 1 || w > kMaxImageSide || h > kMaxImageSide || w * h > kMaxImagePixels) {
        if (error)
            *error = QStringLiteral("a %1×%2 pixel image is too large (at most %3 pixels a side and %4 megapixels)")
                         .arg(w)
                         .arg(h)
                         .arg(kMaxImageSide)
                         .arg(kMaxImagePixels / 1'000'000);
        return QImage();
    }
    // Opaque: RGB32 paints as fast as premultiplied ARGB and encodes a smaller PNG.
    QImage img(int(w), int(h), QImage::Format_RGB32);
    if (img.isNull()) {
        if (error)
            *error = QStringLiteral("out of memory for a %1×%2 pixel image").arg(w).arg(h);
        return QImage();
    }
    img.setDevicePixelRatio(s);
    img.fill(options_.theme.background);
    QPainter p(&img);
    paint(p);
    p.end();
    return img;
}

QByteArray TimelineExport::toPng(QString* error) const
{
    const QImage img = toImage(error);
    if (img.isNull())
        return QByteArray();
    QByteArray out;
    QBuffer buf(&out);
    buf.open(QIODevice::WriteOnly);
    QImageWriter writer(&buf, "png");
    // Flat colours compress well even at a fast zlib level; the default level costs 3x the time.
    writer.setQuality(70);
    writer.setText(QStringLiteral("Software"), QStringLiteral("Loopscope"));
    if (!options_.title.isEmpty())
        writer.setText(QStringLiteral("Title"), options_.title);
    if (!writer.write(img)) {
        if (error)
            *error = QStringLiteral("PNG encoding failed: %1").arg(writer.errorString());
        return QByteArray();
    }
    return out;
}

QByteArray TimelineExport::toSvg(QString* error) const
{
    if (!haveGuiApplication(error))
        return QByteArray();
    QByteArray out;
    QBuffer buf(&out);
    buf.open(QIODevice::WriteOnly);
    {
        QSvgGenerator gen;
        gen.setOutputDevice(&buf);
        gen.setSize(QSize(int(std::ceil(page_.width())), int(std::ceil(page_.height()))));
        gen.setViewBox(QRectF(QPointF(0, 0), page_));
        gen.setResolution(96);  // one logical pixel is one CSS pixel in a browser
        // Some Qt versions write the title unescaped: put a placeholder there, fill it in below.
        gen.setTitle(QStringLiteral("@LOOPSCOPE-TITLE@"));
        gen.setDescription(QStringLiteral("@LOOPSCOPE-DESC@"));
        QPainter p;
        if (!p.begin(&gen)) {
            if (error)
                *error = QStringLiteral("SVG generation failed");
            return QByteArray();
        }
        paint(p);
        p.end();
    }
    const QString title = options_.title.isEmpty() ? QStringLiteral("Loopscope timeline") : options_.title;
    out.replace("@LOOPSCOPE-TITLE@", title.toHtmlEscaped().toUtf8());
    out.replace("@LOOPSCOPE-DESC@", QStringLiteral("Loopscope timeline: %1").arg(info_).toHtmlEscaped().toUtf8());
    return out;
}

QByteArray TimelineExport::toPdf(QString* error) const
{
    if (!haveGuiApplication(error))
        return QByteArray();
    // One logical pixel is one point, unless the page would pass the PDF size limit: then a
    // higher resolution maps the same drawing onto fewer points.
    const qreal longest = std::max(page_.width(), page_.height());
    const int resolution = longest > kMaxPdfPoints ? int(std::ceil(72 * longest / kMaxPdfPoints)) : 72;
    const qreal k = 72.0 / resolution;
    QByteArray out;
    QBuffer buf(&out);
    buf.open(QIODevice::WriteOnly);
    {
        QPdfWriter w(&buf);
        w.setCreator(QStringLiteral("Loopscope"));
        w.setTitle(options_.title.isEmpty() ? QStringLiteral("Loopscope timeline") : options_.title);
        w.setPageSize(QPageSize(QSizeF(page_.width() * k, page_.height() * k), QPageSize::Point, QString(), QPageSize::ExactMatch));
        w.setPageMargins(QMarginsF(0, 0, 0, 0));
        w.setResolution(resolution);
        QPainter p;
        if (!p.begin(&w)) {
            if (error)
                *error = QStringLiteral("PDF generation failed");
            return QByteArray();
        }
        paint(p);
        p.end();
    }
    return out;
}

bool TimelineExport::save(const QString& path, QString* error) const
{
    QByteArray data;
    switch (timelineExportFormatFor(path)) {
    case TimelineExportFormat::Png:
        data = toPng(error);
        break;
    case TimelineExportFormat::Svg:
        data = toSvg(error);
        break;
    case TimelineExportFormat::Pdf:
        data = toPdf(error);
        break;
    case TimelineExportFormat::Unknown:
        if (error)
            *error = QStringLiteral("%1: unknown picture format '.%2' (use .png, .svg or .pdf)").arg(path, QFileInfo(path).suffix());
        return false;
    }
    if (data.isEmpty()) {
        if (error && !error->isEmpty())
            *error = QStringLiteral("%1: %2").arg(path, *error);
        return false;
    }
    return writeFileAtomically(path, data, error);
}

bool writeFileAtomically(const QString& path, const QByteArray& data, QString* error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    if (f.write(data) != data.size()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
        f.cancelWriting();
        return false;
    }
    if (!f.commit()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}
