// SPDX-License-Identifier: MIT
#pragma once

#include <QtTest>

#include <algorithm>
#include <cmath>

/// Relative comparison of doubles for closed-form checks, with both values printed on failure.
namespace headroom::test {

inline bool near(double actual, double expected, double relative) {
    return std::abs(actual - expected) <= relative * std::max(1.0, std::abs(expected));
}

inline QString mismatch(const char* what, double actual, double expected) {
    return QString("%1 = %2, expected %3").arg(what).arg(actual, 0, 'g', 17).arg(expected, 0, 'g', 17);
}

}  // namespace headroom::test

/// Verifies |actual − expected| ≤ relative × max(1, |expected|).
#define HEADROOM_COMPARE_NEAR(actual, expected, relative)                                                              \
    QVERIFY2(::headroom::test::near(double(actual), double(expected), (relative)),                                     \
             qPrintable(::headroom::test::mismatch(#actual, double(actual), double(expected))))
