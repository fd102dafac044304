#pragma once

#include "engine/functions/DataTypeInterval.h"
#include "engine/functions/IFunction.h"

namespace pipit
{

/// Date/time arithmetic shared by plus/minus with intervals or integers and by the
/// addDays/subtractMonths/... functions, following ClickHouse:
///  - Date/Date32 + Day..Year -> same type; + Second/Minute/Hour -> DateTime;
///  - DateTime/DateTime64 + any unit -> same type; days and weeks keep the local time of day,
///    months/quarters/years clamp the day to the month's last day (Jan 31 + 1 month = Feb 29).
DataTypePtr dateArithmeticResultType(const DataTypePtr & date_type, DataTypeInterval::Kind kind);

/// `date_arg` plus (or minus when `subtract`) `delta_arg` units of `kind` for each row; delta_arg
/// is an integer or interval column, constant or not.
ColumnPtr executeDateArithmetic(const ColumnWithTypeAndName & date_arg, const ColumnWithTypeAndName & delta_arg,
                                DataTypeInterval::Kind kind, bool subtract, const DataTypePtr & result_type, size_t rows);

/// Day number `days` plus `months` calendar months, clamping the day of month.
Int64 addMonthsToDayNum(Int64 days, Int64 months);

} // namespace pipit
