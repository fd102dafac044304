#pragma once

#include "engine/planner/ExpressionActions.h"
#include "engine/types/Block.h"

#include <optional>
#include <string>
#include <vector>

namespace pipit
{

/// One ORDER BY key WITH FILL [FROM a] [TO b] [STEP s].
struct FillColumnDescription
{
    std::string column_name;
    /// Result columns computed by the same expression as the key: generated rows hold the fill value there too.
    std::vector<std::string> same_value_columns;
    /// 1 ascending, -1 descending.
    int direction = 1;
    /// Bounds and step as numbers of the key's physical unit (days for Date/Date32, seconds for
    /// DateTime); floats keep fractions.
    std::optional<double> from;
    std::optional<double> to;
    std::optional<double> step;
    /// STEP INTERVAL n MONTH/QUARTER/YEAR: a calendar step of this many months (the day of month is
    /// clamped, as addMonths); `step` is unset then. `time_zone` is the DateTime key's zone.
    Int64 step_months = 0;
    std::string time_zone;
};

/// INTERPOLATE (column [AS expr]): a generated row takes `column` from `actions` (one output, over the
/// result columns) evaluated over the previous output row, generated or not (the type's defaults
/// before the first row); null actions: the previous row's value.
struct FillInterpolateDescription
{
    std::string column_name;
    ExpressionActionsPtr actions;
};

/// ORDER BY ... WITH FILL with modern ClickHouse semantics (FillingRow): the WITH FILL keys form a
/// row that is stepped from FROM (else the first row's values) towards each next input row: the
/// last key that can still step before its TO steps first, else the first key where the rows
/// differ steps and the keys after it restart at their FROM (else their value in the input row,
/// where they are not filled). After the last row the keys are stepped up to TO (exclusive).
/// Sort keys before the first WITH FILL key (`sort_prefix`) split the rows into runs filled
/// independently; generated rows copy the run's prefix values. Other columns of generated rows
/// hold the type's default, or their INTERPOLATE value.
struct FillDescription
{
    std::vector<std::string> sort_prefix;
    std::vector<FillColumnDescription> columns;
    std::vector<FillInterpolateDescription> interpolate;
};

class FillingTransform
{
public:
    /// Validates the key type, bounds and step: INVALID_WITH_FILL_EXPRESSION (475) for a key that is
    /// not a number or date, a zero or non-finite step, a step against the sort direction, FROM
    /// after TO in the sort direction, or a calendar step on a key that is not a date.
    static void validate(const FillColumnDescription & description, const IDataType & key_type);
    /// `block` sorted by the sort prefix and keys; returns it with the generated rows inserted.
    static Block apply(const Block & block, const FillDescription & description);

private:
    /// Fills the INTERPOLATE columns of `res` (the output rows `order` of `block`: source indexes or ~generated).
    static void interpolate(Block & res, const Block & block, const std::vector<size_t> & order,
                            const std::vector<FillInterpolateDescription> & items);
};

} // namespace pipit
