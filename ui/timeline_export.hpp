// TimelineExport: a whole recorded run (or a time range of it) drawn as a page — title,
// the timeline exactly as the window's TimelinePainter draws it, and the legend — onto a
// PNG, an SVG or a one-page PDF, without a display. Files are written atomically.
// Threading: one thread at a time, the one that owns the model; needs a QGuiApplication
// (fonts), which may run on the offscreen platform.
#pragma once

#include <ui/timeline_painter.hpp>

#include <QByteArray>
#include <QImage>
#include <QString>

#include <memory>

struct TimelineExportOptions {
    // Page size in logical pixels (PDF points); 0 means the default width (1600) and, for
    // the height, whatever the title, every lane and the legend need.
    int width = 0;
    int height = 0;
    qreal scale = 1;  // device pixels per logical pixel for PNG (2 for HiDPI)
    TimelineTheme theme = TimelineTheme::light();
    // Time range in ns; negative means the start / end of the run.
    qint64 from = -1;
    qint64 to = -1;
    bool showResources = true;
    QString title;  // empty: no title band
};

enum class TimelineExportFormat { Png, Svg, Pdf, Unknown };

// By the file's extension (case-insensitive).
TimelineExportFormat timelineExportFormatFor(const QString& path);

class TimelineExport {
public:
    // The model must have consumed the events to draw (model.update()).
    TimelineExport(const TimelineModel& model, const TimelineExportOptions& options);
    ~TimelineExport();

    // Where things sit on the page, in logical pixels.
    QSizeF pageSize() const { return page_; }
    QRectF titleRect() const { return title_; }
    QRectF timelineRect() const { return timeline_; }  // the painter's (0, 0) is its top left
    QRectF legendRect() const { return legend_; }
    // Lanes that did not fit the page (a fixed --height, or a page past the PNG limit).
    int hiddenLanes() const { return hiddenLanes_; }
    // Geometry questions (laneRect, xForTime) answered in timeline coordinates:
    // add timelineRect().topLeft() for page coordinates.
    const TimelinePainter& painter() const { return *painter_; }

    void paint(QPainter& p) const;

    // Each returns the encoded file, or an empty array and a message in *error.
    QImage toImage(QString* error = nullptr) const;
    QByteArray toPng(QString* error = nullptr) const;
    QByteArray toSvg(QString* error = nullptr) const;
    QByteArray toPdf(QString* error = nullptr) const;

    // Writes PNG, SVG or PDF by the extension of `path`. Atomic: on failure nothing is left
    // behind and an existing file at `path` is untouched.
    bool save(const QString& path, QString* error = nullptr) const;

    // The PNG limit (device pixels a side); larger pages are cut (hiddenLanes) or refused.
    static constexpr int kMaxImageSide = 32000;
    static constexpr qint64 kMaxImagePixels = 400'000'000;
    static constexpr int kDefaultWidth = 1600;

private:
    const TimelineModel& model_;
    TimelineExportOptions options_;
    std::unique_ptr<TimelinePainter> painter_;
    QSizeF page_;
    QRectF title_, timeline_, legend_;
    int hiddenLanes_ = 0;
    QString info_;  // the line under the title: tasks, duration, range
};

// Writes `data` to `path` through QSaveFile: all or nothing.
bool writeFileAtomically(const QString& path, const QByteArray& data, QString* error);
