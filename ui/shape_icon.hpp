// Toolbar icons drawn as vectors (run, stop, and the playback controls): crisp at any device
// pixel ratio, and readable on light and dark palettes, unlike the style's bitmap media icons.
// Threading: GUI thread, like every QIcon.
#pragma once

#include <QColor>
#include <QIcon>

enum class IconShape { Play, Stop, Pause, SkipBack, StepBack, StepForward };

// Play and Stop use fixed green and red; the playback shapes take `color` (invalid: the
// application palette's button text colour when painted). Disabled icons are greyed.
QIcon shapeIcon(IconShape shape, const QColor& color = QColor());
