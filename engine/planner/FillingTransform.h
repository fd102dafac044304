#pragma once

#include "engine/types/Block.h"

#include <optional>
#include <string>
#include <vector>

namespace pipit
{

/// ORDER BY key WITH FILL [FROM a] [TO b] [STEP s] on the first sort key (modern ClickHouse semantics):
/// in the sorted rows, a row is generated for each missing value from FROM (else the first row's
/// value) stepping by STEP up to the next row's value, after each row from its value + STEP, and
/// after the last row up to TO (exclusive); nothing is generated at or past TO. Generated rows hold the fill value in `column_name` and
/// in `same_value_columns`, the type's default in every other column. Numbers, Date, Date32 and
/// DateTime keys; STEP in days for dates and seconds for DateTime.
struct FillDescription
{
    std::string column_name;
    std::vector<std::string> same_value_columns;
    /// 1 ascending, -1 descending.
    int direction = 1;
    /// Bounds and step as numbers of the key's physical unit; floats keep fractions.
    std::optional<double> from;
    std::optional<double> to;
    std::optional<double> step;
};

class FillingTransform
{
public:
    /// Validates the key type and step (BAD_ARGUMENTS for a zero step, a step against the sort
    /// direction or a key that is not a number or date).
    static void validate(const FillDescription & description, const IDataType & key_type);
    /// `block` sorted by the key; returns it with the generated rows inserted.
    static Block apply(const Block & block, const FillDescription & description);
};

} // namespace pipit
