#include "engine/planner/FillingTransform.h"

#include "engine/base/Exception.h"
#include "engine/base/TimeZone.h"
#include "engine/columns/ColumnNullable.h"
#include "engine/columns/ColumnVector.h"
#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionCast.h"
#include "engine/functions/FunctionDateArithmetic.h"

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

[[noreturn]] void invalidFill(const std::string & message)
{
    throw Exception(ErrorCode::INVALID_WITH_FILL_EXPRESSION, message);
}

/// A WITH FILL key value: absent for NULL (and for "no bound").
using FillValue = std::optional<double>;

bool lessIn(const FillValue & a, const FillValue & b, int direction)
{
    if (!a || !b)
        return false;
    return direction > 0 ? *a < *b : *a > *b;
}

bool equalValues(const FillValue & a, const FillValue & b)
{
    if (!a || !b)
        return !a && !b;
    return *a == *b;
}

/// The row of WITH FILL key values being generated (ClickHouse's FillingRow).
class FillingRow
{
public:
    explicit FillingRow(const std::vector<FillColumnDescription> & columns)
        : columns_(columns)
        , row_(columns.size())
    {
    }

    size_t size() const { return row_.size(); }
    FillValue & operator[](size_t i) { return row_[i]; }
    const FillValue & operator[](size_t i) const { return row_[i]; }

    void initFromDefaults(size_t from)
    {
        for (size_t i = from; i < row_.size(); ++i)
            row_[i] = columns_[i].from;
    }

    /// Lexicographic "before" in the sort directions, skipping NULLs.
    bool before(const std::vector<FillValue> & other) const
    {
        for (size_t i = 0; i < row_.size(); ++i)
        {
            if (!row_[i] || !other[i] || *row_[i] == *other[i])
                continue;
            return lessIn(row_[i], other[i], columns_[i].direction);
        }
        return false;
    }

    static bool before(const std::vector<FillValue> & a, const FillingRow & b)
    {
        for (size_t i = 0; i < a.size(); ++i)
        {
            if (!a[i] || !b.row_[i] || *a[i] == *b.row_[i])
                continue;
            return lessIn(a[i], b.row_[i], b.columns_[i].direction);
        }
        return false;
    }

    bool isNull() const
    {
        return std::none_of(row_.begin(), row_.end(), [](const FillValue & v) { return v.has_value(); });
    }

    bool hasConstraints() const
    {
        return std::any_of(columns_.begin(), columns_.end(), [](const FillColumnDescription & c) { return c.to.has_value(); });
    }

    /// The first non-NULL key with a TO is before it.
    bool constraintsSatisfied() const
    {
        for (size_t i = 0; i < row_.size(); ++i)
        {
            if (!row_[i] || !columns_[i].to)
                continue;
            return lessIn(row_[i], columns_[i].to, columns_[i].direction);
        }
        return true;
    }

    /// Advances to the next row to generate before `next_original` (all NULL: up to the TO bounds);
    /// false when there is none. `changed` is set when the row changed.
    bool next(const std::vector<FillValue> & next_original, bool & changed)
    {
        const size_t size = row_.size();
        size_t pos = 0;
        for (; pos < size; ++pos)
        {
            if (!row_[pos])
                continue;
            const FillValue & to = columns_[pos].to;
            const FillValue & border = !to ? next_original[pos]
                : !next_original[pos]      ? to
                : lessIn(to, next_original[pos], columns_[pos].direction) ? to
                                                                            : next_original[pos];
            if (border && *border != *row_[pos])
                break;
        }
        if (pos == size || !std::isfinite(*row_[pos]) || (next_original[pos] && !std::isfinite(*next_original[pos])))
            return false;
        const int direction = columns_[pos].direction;
        if (next_original[pos] && lessIn(next_original[pos], row_[pos], direction))
            return false;
        if (columns_[pos].to && !lessIn(row_[pos], columns_[pos].to, direction))
            return false;

        /// A later key with a TO keeps stepping up to it first.
        for (size_t i = size - 1; i > pos; --i)
        {
            if (!row_[i] || !columns_[i].to)
                continue;
            FillValue next_value = step(i, *row_[i]);
            if (!lessIn(next_value, columns_[i].to, columns_[i].direction))
                continue;
            row_[i] = next_value;
            initFromDefaults(i + 1);
            changed = true;
            return true;
        }

        FillValue next_value = step(pos, *row_[pos]);
        if (next_original[pos] && lessIn(next_original[pos], next_value, direction))
            return false;
        if (columns_[pos].to && !lessIn(next_value, columns_[pos].to, direction))
            return false;
        row_[pos] = next_value;
        changed = true;
        if (equalValues(row_[pos], next_original[pos]))
        {
            bool is_less = false;
            for (size_t i = pos + 1; i < size; ++i)
            {
                row_[i] = columns_[i].from ? columns_[i].from : next_original[i];
                is_less = is_less ||
                    ((!next_original[i] || lessIn(row_[i], next_original[i], columns_[i].direction)) &&
                     (!columns_[i].to || lessIn(row_[i], columns_[i].to, columns_[i].direction)));
            }
            return is_less;
        }
        initFromDefaults(pos + 1);
        return true;
    }

private:
    double step(size_t i, double value) const
    {
        const auto & column = columns_[i];
        if (column.step_months == 0)
            return value + column.step.value_or(column.direction);
        if (column.time_zone.empty())
            return static_cast<double>(addMonthsToDayNum(static_cast<Int64>(value), column.step_months));
        /// DateTime: the same local time of day on the shifted (clamped) day.
        const auto & zone = TimeZone::get(column.time_zone);
        Int64 t = static_cast<Int64>(value);
        Int64 day = zone.toDayNum(t);
        Int64 second_of_day = zone.toSecondOfDay(t);
        Int64 shifted = addMonthsToDayNum(day, column.step_months);
        return static_cast<double>(zone.fromLocalSeconds(shifted * 86400 + second_of_day));
    }

    const std::vector<FillColumnDescription> & columns_;
    std::vector<FillValue> row_;
};

/// Values of one key column as doubles (integers and dates are exact up to 2^53), NULL as nullopt.
std::vector<FillValue> keyValues(const ColumnWithTypeAndName & key)
{
    const DataTypePtr key_type = removeNullableType(key.type);
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
    std::vector<FillValue> res(values.size());
    for (size_t i = 0; i < values.size(); ++i)
        if (!nulls || !(*nulls)[i])
            res[i] = values[i];
    return res;
}

} // namespace

void FillingTransform::validate(const FillColumnDescription & description, const IDataType & key_type)
{
    auto type = removeNullableType(typeByName(key_type.getName()));
    auto id = type->getTypeId();
    if (!isFillableKey(id))
        invalidFill("Invalid WITH FILL expression: the sort key must be a number, Date or DateTime, not " + key_type.getName());
    if (description.step_months != 0 && id != TypeIndex::Date && id != TypeIndex::Date32 && id != TypeIndex::DateTime)
        invalidFill("WITH FILL STEP INTERVAL needs a Date or DateTime sort key, not " + key_type.getName());
    if (description.step || description.step_months != 0)
    {
        double step = description.step_months != 0 ? static_cast<double>(description.step_months) : *description.step;
        if (step == 0 || !std::isfinite(step))
            invalidFill("WITH FILL STEP value cannot be zero");
        if ((step > 0) != (description.direction > 0))
            invalidFill(std::string("WITH FILL STEP value cannot be ") + (description.direction > 0 ? "negative" : "positive") +
                        " for sorting in " + (description.direction > 0 ? "ascending" : "descending") + " direction");
        if (!isFloat(id) && step != std::trunc(step))
            invalidFill("WITH FILL STEP value must be a whole number for a sort key of type " + key_type.getName());
    }
    auto check_bound = [&](const std::optional<double> & bound, const char * what)
    {
        if (bound && !std::isfinite(*bound))
            invalidFill(std::string("WITH FILL ") + what + " value must be finite");
    };
    check_bound(description.from, "FROM");
    check_bound(description.to, "TO");
    if (description.from && description.to && lessIn(description.to, description.from, description.direction))
        invalidFill(std::string("WITH FILL TO value cannot be ") + (description.direction > 0 ? "less" : "greater") +
                    " than FROM value for sorting in " + (description.direction > 0 ? "ascending" : "descending") + " direction");
}

Block FillingTransform::apply(const Block & block, const FillDescription & description)
{
    const size_t rows = block.rows();
    const size_t keys = description.columns.size();
    if (keys == 0)
        return block;

    std::vector<std::vector<FillValue>> values;
    for (const auto & column : description.columns)
        values.push_back(keyValues(block.getByName(column.column_name)));
    std::vector<ColumnPtr> prefix;
    for (const auto & name : description.sort_prefix)
        prefix.push_back(convertToFullColumnIfConst(block.getByName(name).column));

    /// Output plan: a source row index, or a generated row k (encoded as ~k) whose key values are
    /// generated[k * keys ...] and whose prefix values come from source row generated_source[k].
    std::vector<size_t> order;
    std::vector<FillValue> generated;
    std::vector<size_t> generated_source;
    order.reserve(rows);
    constexpr size_t max_generated = 100'000'000;
    auto insert = [&](const FillingRow & row, size_t source_row)
    {
        if (generated_source.size() >= max_generated)
            throw Exception(ErrorCode::BAD_ARGUMENTS, "WITH FILL would generate more than 100000000 rows");
        order.push_back(~generated_source.size());
        for (size_t i = 0; i < keys; ++i)
            generated.push_back(row[i]);
        generated_source.push_back(source_row);
    };

    /// ClickHouse's FillingTransform over one block: runs of equal sort prefix are filled
    /// independently, each followed by its suffix up to TO.
    FillingRow filling(description.columns);
    std::vector<FillValue> next_row(keys);
    bool filling_row_inserted = false;
    auto insert_filling = [&](size_t source_row)
    {
        insert(filling, source_row);
        filling_row_inserted = true;
    };
    auto generate_suffix = [&](size_t source_row)
    {
        bool should_insert_first =
            (FillingRow::before(next_row, filling) && !filling_row_inserted) || (std::none_of(next_row.begin(), next_row.end(), [](const FillValue & v) { return v.has_value(); }) && !filling.isNull());
        std::fill(next_row.begin(), next_row.end(), FillValue {});
        if (!filling.hasConstraints() || !filling.constraintsSatisfied())
            return;
        if (should_insert_first)
            insert_filling(source_row);
        bool changed = false;
        while (filling.next(next_row, changed))
            insert_filling(source_row);
        if (changed)
            filling_row_inserted = false;
    };
    auto fill_range = [&](size_t begin, size_t end)
    {
        for (size_t i = 0; i < keys; ++i)
        {
            FillValue current = values[i][begin];
            const auto & from = description.columns[i].from;
            if (from && !equalValues(current, from))
            {
                filling.initFromDefaults(i);
                filling_row_inserted = false;
                if (lessIn(from, current, description.columns[i].direction))
                    insert_filling(begin);
                break;
            }
            filling[i] = current;
        }
        for (size_t r = begin; r < end; ++r)
        {
            bool should_insert_first = FillingRow::before(next_row, filling);
            for (size_t i = 0; i < keys; ++i)
                next_row[i] = values[i][r];
            if (should_insert_first && filling.before(next_row) && filling.constraintsSatisfied())
                insert_filling(r);
            bool changed = false;
            while (filling.next(next_row, changed))
            {
                insert_filling(r);
                changed = false;
            }
            if (changed)
                filling_row_inserted = false;
            order.push_back(r);
        }
    };

    auto same_prefix = [&](size_t a, size_t b)
    {
        for (const auto & column : prefix)
            if (column->compareAt(a, b, *column, 1) != 0)
                return false;
        return true;
    };
    if (rows == 0)
    {
        /// An empty result is filled from FROM up to TO; generated rows have no prefix row to copy.
        filling.initFromDefaults(0);
        generate_suffix(SIZE_MAX);
    }
    for (size_t begin = 0; begin < rows;)
    {
        size_t end = begin + 1;
        while (end < rows && same_prefix(begin, end))
            ++end;
        fill_range(begin, end);
        generate_suffix(end - 1);
        begin = end;
    }
    if (generated_source.empty())
        return block;

    Block res;
    for (const auto & column : block)
    {
        if (std::any_of(description.interpolate.begin(), description.interpolate.end(),
                        [&](const FillInterpolateDescription & item) { return item.column_name == column.name; }))
        {
            res.insert({nullptr, column.type, column.name});
            continue;
        }
        /// Which key (if any) this column holds the value of.
        size_t key = keys;
        for (size_t i = 0; i < keys && key == keys; ++i)
        {
            const auto & fill = description.columns[i];
            if (column.name == fill.column_name ||
                std::find(fill.same_value_columns.begin(), fill.same_value_columns.end(), column.name) != fill.same_value_columns.end())
                key = i;
        }
        bool is_prefix =
            std::find(description.sort_prefix.begin(), description.sort_prefix.end(), column.name) != description.sort_prefix.end();
        ColumnPtr source = convertToFullColumnIfConst(column.column);
        ColumnPtr fill_values;
        if (key < keys)
        {
            /// Generated values in the column's type (NULL where the key is NULL).
            bool is_float = isFloat(removeNullableType(block.getByName(description.columns[key].column_name).type)->getTypeId());
            auto numbers = is_float ? std::static_pointer_cast<IColumn>(ColumnFloat64::create(generated_source.size()))
                                    : std::static_pointer_cast<IColumn>(ColumnInt64::create(generated_source.size()));
            auto null_map = ColumnUInt8::create(generated_source.size());
            bool any_null = false;
            for (size_t k = 0; k < generated_source.size(); ++k)
            {
                const FillValue & value = generated[k * keys + key];
                any_null = any_null || !value;
                null_map->getData()[k] = !value;
                if (is_float)
                    static_cast<ColumnFloat64 &>(*numbers).getData()[k] = value.value_or(0);
                else
                    static_cast<ColumnInt64 &>(*numbers).getData()[k] = static_cast<Int64>(std::llround(value.value_or(0)));
            }
            ColumnPtr values_column = std::move(numbers);
            DataTypePtr values_type = is_float ? typeFloat64() : typeInt64();
            ColumnPtr converted = castColumn({values_column, values_type, ""}, removeNullableType(column.type));
            if (column.type->isNullable())
                converted = ColumnNullable::create(assumeMutable(convertToFullColumnIfConst(converted)), std::move(null_map));
            fill_values = convertToFullColumnIfConst(converted);
        }
        auto out = source->cloneEmpty();
        out->reserve(order.size());
        for (size_t index : order)
        {
            if (index < rows)
                out->insertFrom(*source, index);
            else if (fill_values)
                out->insertFrom(*fill_values, ~index);
            else if (is_prefix && generated_source[~index] < rows)
                out->insertFrom(*source, generated_source[~index]);
            else
                out->insertDefault();
        }
        res.insert({std::move(out), column.type, column.name});
    }
    if (!description.interpolate.empty())
        interpolate(res, block, order, description.interpolate);
    return res;
}

void FillingTransform::interpolate(Block & res, const Block & block, const std::vector<size_t> & order,
                                   const std::vector<FillInterpolateDescription> & items)
{
    /// Interpolated columns are built row by row: an expression may read the previous row of any of them.
    const size_t rows = block.rows();
    std::vector<MutableColumnPtr> built;
    std::vector<ColumnPtr> sources;
    for (const auto & item : items)
    {
        const auto & column = block.getByName(item.column_name);
        sources.push_back(convertToFullColumnIfConst(column.column));
        built.push_back(column.column->cloneEmpty());
        built.back()->reserve(order.size());
    }
    auto current = [&](const std::string & name) -> ColumnPtr
    {
        for (size_t i = 0; i < items.size(); ++i)
            if (items[i].column_name == name)
                return built[i];
        return res.getByName(name).column;
    };
    for (size_t position = 0; position < order.size(); ++position)
    {
        const size_t index = order[position];
        for (size_t i = 0; i < items.size(); ++i)
        {
            auto & out = *built[i];
            if (index < rows)
            {
                out.insertFrom(*sources[i], index);
                continue;
            }
            if (!items[i].actions)
            {
                if (position == 0)
                    out.insertDefault();
                else
                {
                    ColumnPtr previous = out.cut(position - 1, 1);
                    out.insertFrom(*previous, 0);
                }
                continue;
            }
            Block input;
            /// One row, also for an expression of constants only.
            auto one_row = ColumnUInt8::create(1);
            input.insert({std::move(one_row), typeUInt8(), "__interpolate_row"});
            for (const auto & name : items[i].actions->getRequiredInputs())
            {
                const auto & type = res.getByName(name).type;
                ColumnPtr value;
                if (position == 0)
                {
                    auto single = type->createColumn();
                    single->insertDefault();
                    value = std::move(single);
                }
                else
                    value = current(name)->cut(position - 1, 1);
                input.insert({std::move(value), type, name});
            }
            Block output = items[i].actions->execute(input);
            const auto & result = output.getByPosition(0);
            const auto & target = res.getByName(items[i].column_name).type;
            ColumnPtr converted = convertToFullColumnIfConst(castColumn(result, target));
            if (converted->size() == 0)
                out.insertDefault();
            else
                out.insertFrom(*converted, 0);
        }
    }
    for (size_t i = 0; i < items.size(); ++i)
    {
        auto & slot = res.getByName(items[i].column_name);
        slot.column = std::move(built[i]);
    }
}

} // namespace pipit
