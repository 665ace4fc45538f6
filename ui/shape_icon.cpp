#include <ui/shape_icon.hpp>

#include <QGuiApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmap>

namespace {

class ShapeIconEngine : public QIconEngine {
public:
    ShapeIconEngine(IconShape shape, QColor color) : shape_(shape), color_(color) {}

    void paint(QPainter* p, const QRect& rect, QIcon::Mode mode, QIcon::State) override
    {
        p->save();
        p->setRenderHint(QPainter::Antialiasing);
        const QRectF r = QRectF(rect).adjusted(rect.width() * 0.18, rect.height() * 0.18, -rect.width() * 0.18,
                                               -rect.height() * 0.18);
        QColor c = color_;
        if (shape_ == IconShape::Play && !c.isValid())
            c = QColor(0x1f, 0x9d, 0x55);
        else if (shape_ == IconShape::Stop && !c.isValid())
            c = QColor(0xd9, 0x3a, 0x3f);
        else if (!c.isValid())
            c = QGuiApplication::palette().color(QPalette::ButtonText);
        if (mode == QIcon::Disabled)
            c = QColor(0x9a, 0x9f, 0xa6, 150);
        p->setPen(Qt::NoPen);
        p->setBrush(c);
        const qreal w = r.width(), h = r.height();
        auto triangle = [&](qreal left, qreal right, bool pointsRight) {
            QPainterPath path;
            if (pointsRight) {
                path.moveTo(left, r.top());
                path.lineTo(right, r.center().y());
                path.lineTo(left, r.bottom());
            } else {
                path.moveTo(right, r.top());
                path.lineTo(left, r.center().y());
                path.lineTo(right, r.bottom());
            }
            path.closeSubpath();
            p->drawPath(path);
        };
        const qreal bar = std::max<qreal>(1.5, w * 0.16);
        switch (shape_) {
        case IconShape::Play:
            triangle(r.left() + w * 0.1, r.right(), true);
            break;
        case IconShape::Stop:
            p->drawRoundedRect(r.adjusted(w * 0.06, h * 0.06, -w * 0.06, -h * 0.06), 2, 2);
            break;
        case IconShape::Pause:
            p->drawRect(QRectF(r.left() + w * 0.12, r.top(), w * 0.28, h));
            p->drawRect(QRectF(r.right() - w * 0.40, r.top(), w * 0.28, h));
            break;
        case IconShape::SkipBack:
            p->drawRect(QRectF(r.left(), r.top(), bar, h));
            triangle(r.left() + bar, r.right(), false);
            break;
        case IconShape::StepBack:
            triangle(r.left(), r.center().x(), false);
            triangle(r.center().x(), r.right(), false);
            break;
        case IconShape::StepForward:
            triangle(r.left(), r.center().x(), true);
            triangle(r.center().x(), r.right(), true);
            break;
        }
        p->restore();
    }
    QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }
    QPixmap scaledPixmap(const QSize& size, QIcon::Mode mode, QIcon::State state, qreal scale) override
    {
        QPixmap pm(size * scale);
        pm.fill(Qt::transparent);
        {
            QPainter p(&pm);
            paint(&p, QRect(QPoint(0, 0), pm.size()), mode, state);
        }
        pm.setDevicePixelRatio(scale);
        return pm;
    }
    QIconEngine* clone() const override { return new ShapeIconEngine(shape_, color_); }

private:
    IconShape shape_;
    QColor color_;
};

}  // namespace

QIcon shapeIcon(IconShape shape, const QColor& color)
{
    return QIcon(new ShapeIconEngine(shape, color));
}
