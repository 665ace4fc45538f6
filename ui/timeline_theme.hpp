// TimelineTheme: the colours and patterns of the timeline, light and dark. States differ
// by shape and pattern too (solid running, outlined ready, hatched waiting, cross-hatched
// blocked), so they read without colour; the hues come from the Okabe–Ito palette.
// A plain value type: copy it freely, any thread.
#pragma once

#include <engine/trace.hpp>

#include <QBrush>
#include <QColor>
#include <QString>

enum class WaitCategory : std::uint8_t { Sleep, Lock, Event, Queue, Task, Thread, Other };
inline constexpr int kWaitCategoryCount = 7;

WaitCategory waitCategory(aio::WaitKind kind);
QString waitCategoryName(WaitCategory c);
QString waitKindName(aio::WaitKind kind);

struct TimelineTheme {
    bool isDark = false;
    QColor background, headerBackground, laneAlternate, selection, gutterText, dimText, grid, axisText;
    QColor running, ready, readyFill, blocked, blockedHatch, callback, loopIdle;
    QColor wait[kWaitCategoryCount];      // hatch lines / outline of each wait category
    QColor waitFill[kWaitCategoryCount];  // pale fill under the hatch
    Qt::BrushStyle waitPattern[kWaitCategoryCount];
    QColor done, cancelled, timedOut, failed;
    QColor arrow, playhead, future, waiters, print;

    static TimelineTheme light();
    static TimelineTheme dark();
    static TimelineTheme byName(const QString& name);  // "light" or "dark"

    QColor waitColor(aio::WaitKind k) const { return wait[int(waitCategory(k))]; }
    QColor waitFillColor(aio::WaitKind k) const { return waitFill[int(waitCategory(k))]; }
    Qt::BrushStyle waitBrushStyle(aio::WaitKind k) const { return waitPattern[int(waitCategory(k))]; }
    // A resource lane takes the hue of the waits it causes (semaphore purple, queue orange...).
    QColor resourceLine(aio::ResourceKind k) const;
    QColor resourceFill(aio::ResourceKind k) const;
};
