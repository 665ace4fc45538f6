// Loads the expected parser results that make_expected.py generated from CPython 3.11.
#pragma once

#include <QByteArray>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <string>

namespace corpus {

inline QJsonArray load(const char* name) {
    QFile file(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/tests/syntax/data/") + QString::fromLatin1(name));
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(file.readAll()).array();
}

// The snippet's bytes: "src" (UTF-8 text) or "src_b64" (anything else).
inline std::string source_of(const QJsonObject& entry) {
    if (entry.contains(QStringLiteral("src_b64"))) {
        const QByteArray bytes = QByteArray::fromBase64(entry.value(QStringLiteral("src_b64")).toString().toLatin1());
        return std::string(bytes.constData(), static_cast<std::size_t>(bytes.size()));
    }
    const QByteArray utf8 = entry.value(QStringLiteral("src")).toString().toUtf8();
    return std::string(utf8.constData(), static_cast<std::size_t>(utf8.size()));
}

inline std::string str(const QJsonObject& entry, const char* key) {
    return entry.value(QString::fromLatin1(key)).toString().toStdString();
}

}  // namespace corpus
