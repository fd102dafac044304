#include "engine/planner/FillingTransform.h"

#include "engine/base/Exception.h"
#include "engine/columns/ColumnNullable.h"
#include "engine/columns/ColumnVector.h"
#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionCast.h"

#include <algorithm>
#include <cmath>

namespace pipit
{

namespace
{

bool isFillableKey(TypeIndex t)
{
    return (isNativeNumber(t) && t != TypeIndex::Bool) || t == TypeIndex::Date || t == TypeIndex::Date32 || t == TypeIndex::DateTime;
}

} // namespace

void FillingTransform::validate(const FillDescription & description, const IDataType & key_type)
{
    auto type = removeNullableType(typeByName(key_type.getName()));
    if (!isFillableKey(type->getTypeId()))
        throw Exception(ErrorCode::BAD_ARGUMENTS, "WITH FILL supports numeric, Date and DateTime keys, not " + type->getName());
    if (description.step)
    {
        double step = *description.step;
        if (step == 0 || !std::isfinite(step))
            throw Exception(ErrorCode::BAD_ARGUMENTS, "WITH FILL STEP value cannot be zero");
        if ((step > 0) != (description.direction > 0))
            throw Exception(ErrorCode::BAD_ARGUMENTS,
                            std::string("WITH FILL STEP value must be ") +
                                (description.direction > 0 ? "positive for ascending" : "negative for descending") + " ORDER BY");
    }
}

Block FillingTransform::apply(const Block & block, const FillDescription & description)
{
    const auto & key = block.getByName(description.column_name);
    const DataTypePtr key_type = removeNullableType(key.type);
    const bool is_float = isFloat(key_type->getTypeId());
    const size_t rows = block.rows();

    /// Key values as doubles (integers and dates are exact up to 2^53) and their NULL flags.
    ColumnPtr full = convertToFullColumnIfConst(key.column);
    const PODArray<UInt8> * nulls = nullptr;
    ColumnPtr values_column = full;
    if (const auto * nullable = dynamic_cast<const ColumnNullable *>(full.get()))
    {
        nulls = &nullable->getNullMapData();
        values_column = nullable->getNestedColumnPtr();
    }
    auto as_double = castColumn({values_column, key_type, ""}, typeFloat64());
    const auto & values = assertColumnCast<ColumnFloat64>(*convertToFullColumnIfConst(as_double)).getData();

    const double direction = description.direction > 0 ? 1 : -1;
    const double step = description.step.value_or(direction);
    auto before = [&](double a, double b)
    {
        return direction > 0 ? a < b : a > b;
    };

    /// Output plan: source row index, or generated value k (encoded as ~k).
    std::vector<size_t> order;
    std::vector<double> generated;
    order.reserve(rows);
    constexpr size_t max_generated = 100'000'000;
    auto generate = [&](double value)
    {
        if (generated.size() >= max_generated)
            throw Exception(ErrorCode::BAD_ARGUMENTS, "WITH FILL would generate more than 100000000 rows");
        order.push_back(~generated.size());
        generated.push_back(value);
    };
    std::optional<double> next = description.from;
    for (size_t i = 0; i < rows; ++i)
    {
        if (nulls && (*nulls)[i])
        {
            order.push_back(i);
            continue;
        }
        /// Fill up to the row's value, but never to or past TO (rows past TO are kept as they are).
        const double v = values[i];
        const double bound = description.to && before(*description.to, v) ? *description.to : v;
        if (next)
            for (double g = *next; before(g, bound); g += step)
                generate(g);
        order.push_back(i);
        next = v + step;
    }
    if (description.to && next)
        for (double g = *next; before(g, *description.to); g += step)
            generate(g);
    if (generated.empty())
        return block;

    /// Generated values in the key's type.
    ColumnPtr generated_column;
    if (is_float)
    {
        auto column = ColumnFloat64::create(generated.size());
        std::copy(generated.begin(), generated.end(), column->getData().begin());
        generated_column = std::move(column);
    }
    else
    {
        auto column = ColumnInt64::create(generated.size());
        for (size_t k = 0; k < generated.size(); ++k)
            column->getData()[k] = static_cast<Int64>(std::llround(generated[k]));
        generated_column = std::move(column);
    }
    DataTypePtr generated_type = is_float ? typeFloat64() : typeInt64();

    Block res;
    for (const auto & column : block)
    {
        bool holds_value = column.name == description.column_name ||
                           std::find(description.same_value_columns.begin(), description.same_value_columns.end(), column.name) !=
                               description.same_value_columns.end();
        ColumnPtr source = convertToFullColumnIfConst(column.column);
        ColumnPtr fill_values;
        if (holds_value)
            fill_values = convertToFullColumnIfConst(castColumn({generated_column, generated_type, ""}, column.type));
        auto out = source->cloneEmpty();
        out->reserve(order.size());
        for (size_t index : order)
        {
            if (index < rows)
                out->insertFrom(*source, index);
            else if (fill_values)
                out->insertFrom(*fill_values, ~index);
            else
                out->insertDefault();
        }
        res.insert({std::move(out), column.type, column.name});
    }
    return res;
}

} // namespace pipit
