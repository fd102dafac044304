#pragma once

#include "engine/functions/IFunction.h"

namespace pipit
{

/// Converts a column to another type with ClickHouse CAST semantics: numbers convert by value
/// (integers wrap, floats truncate toward zero), strings are parsed as the target type's text
/// (CANNOT_PARSE_* on bad text), values print as their text when cast to String, Date/DateTime/
/// DateTime64 convert through the calendar of the DateTime's time zone, Nullable keeps its null
/// map (a NULL into a non-Nullable type throws CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN). Returns the
/// argument's column unchanged when the types are equal; keeps ColumnConst as ColumnConst.
ColumnPtr castColumn(const ColumnWithTypeAndName & argument, const DataTypePtr & to);

/// CAST(x, 'T'): the target type is a constant String argument.
class FunctionCast final : public IFunction
{
public:
    std::string getName() const override { return "CAST"; }
    size_t getNumberOfArguments() const override { return 2; }
    bool useDefaultImplementationForNulls() const override { return false; }
    bool useDefaultImplementationForLowCardinality() const override { return false; }
    std::vector<size_t> getArgumentsThatAreAlwaysConstant() const override { return {1}; }
    bool hasInformationAboutMonotonicity() const override { return true; }
    FunctionMonotonicity getMonotonicityForRange(const IDataType & type, const Field & left, const Field & right) const override;

    /// Set by getReturnType: the parsed target type (the function instance is per call site).
    mutable DataTypePtr target_type_;

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override;
    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const override;
};

/// Monotonicity of a conversion from `from` to `to` on [left, right]: casts between numbers are
/// monotonic where both bounds fit the target, time-type conversions always are, casts to String never.
FunctionMonotonicity conversionMonotonicity(const IDataType & from, const IDataType & to, const Field & left, const Field & right);

} // namespace pipit
