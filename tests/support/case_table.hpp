// Loads the expected-value tables that tests/support/make_*_expected.py produced by running
// python3, and collects mismatches so one failing case names itself clearly.
#pragma once

#include <script/support/py_error.hpp>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <bit>
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>

namespace support_test {

inline QJsonArray load_cases(const char* file_name)
{
    QFile f(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/tests/support/") + QString::fromUtf8(file_name));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).array();
}

inline std::string str(const QJsonValue& v)
{
    return v.toString().toStdString();
}

// "bits:<n>" -> the double with that IEEE bit pattern.
inline double float_from_bits(const std::string& s)
{
    return std::bit_cast<double>(static_cast<std::uint64_t>(std::stoull(s.substr(5))));
}

inline std::string bits_of(double x)
{
    return "bits:" + std::to_string(std::bit_cast<std::uint64_t>(x));
}

// Runs `compute` for a case whose expected value is a string or {"error": [type, message]};
// returns an empty string when it matches, else a description of the mismatch.
inline std::string check(const QJsonValue& expected, const std::function<std::string()>& compute)
{
    std::string got;
    try {
        got = compute();
    } catch (const script::support::PyError& e) {
        got.assign(1, '!');
        got.append(e.type).append(": ").append(e.what());
    }
    std::string want;
    if (expected.isObject()) {
        QJsonArray err = expected.toObject().value("error").toArray();
        want.assign(1, '!');
        want.append(str(err.at(0))).append(": ").append(str(err.at(1)));
    } else {
        want = str(expected);
    }
    if (got == want) return {};
    // Two NaN bit patterns compare equal as values: Python never shows NaN's sign.
    if (got.rfind("bits:", 0) == 0 && want.rfind("bits:", 0) == 0 && std::isnan(float_from_bits(got)) &&
        std::isnan(float_from_bits(want))) {
        return {};
    }
    std::string problem = "want [";
    problem.append(want).append("] got [").append(got).append("]");
    return problem;
}

struct Failures {
    QStringList list;
    int checked = 0;
    void add(const QJsonArray& c, const std::string& problem)
    {
        ++checked;
        if (problem.empty()) return;
        QString s = QString::fromUtf8(QJsonDocument(c).toJson(QJsonDocument::Compact));
        if (s.size() > 300) s = s.left(300) + "...";
        list << s + " : " + QString::fromStdString(problem).left(400);
    }
    QByteArray report() const
    {
        return (QString::number(list.size()) + " of " + QString::number(checked) + " cases failed:\n" +
                list.mid(0, 15).join('\n')).toUtf8();
    }
};

} // namespace support_test
