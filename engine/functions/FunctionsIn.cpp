#include "engine/columns/ColumnArray.h"
#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionCast.h"
#include "engine/functions/FunctionRegistry.h"

#include <mutex>
#include <unordered_set>

#include <algorithm>

namespace pipit
{

namespace
{

/// Membership test against the values of a constant set, converted to the left argument's type.
class InSet
{
public:
    virtual ~InSet() = default;
    /// res[i] = 1 if row i of `column` (of the set's type, full) is in the set.
    virtual void find(const IColumn & column, UInt8 * res) const = 0;
};

template <typename T>
class InSetNumbers final : public InSet
{
public:
    explicit InSetNumbers(const IColumn & values)
    {
        const auto & data = assertColumnCast<ColumnVector<T>>(values).getData();
        small_.assign(data.begin(), data.end());
        std::sort(small_.begin(), small_.end());
        small_.erase(std::unique(small_.begin(), small_.end()), small_.end());
        if (small_.size() > 16)
            set_.insert(small_.begin(), small_.end());
    }
    void find(const IColumn & column, UInt8 * __restrict res) const override
    {
        const auto & data = assertColumnCast<ColumnVector<T>>(column).getData();
        size_t rows = data.size();
        const T * __restrict values = data.data();
        if (set_.empty())
        {
            std::fill(res, res + rows, 0);
            for (T element : small_)
                for (size_t i = 0; i < rows; ++i)
                    res[i] |= values[i] == element;
            return;
        }
        for (size_t i = 0; i < rows; ++i)
            res[i] = set_.contains(values[i]);
    }

private:
    std::vector<T> small_;
    std::unordered_set<T> set_;
};

class InSetStrings final : public InSet
{
public:
    explicit InSetStrings(const IColumn & values)
    {
        for (size_t i = 0; i < values.size(); ++i)
            set_.insert(std::string(values.getDataAt(i)));
    }
    void find(const IColumn & column, UInt8 * res) const override
    {
        const auto & strings = assertColumnCast<ColumnString>(column);
        std::string key;
        for (size_t i = 0; i < strings.size(); ++i)
        {
            auto v = strings.getDataAt(i);
            key.assign(v.data(), v.size());
            res[i] = set_.contains(key);
        }
    }

private:
    std::unordered_set<std::string> set_;
};

/// Any other type: values compared through Field equality.
class InSetFields final : public InSet
{
public:
    explicit InSetFields(const IColumn & values)
    {
        for (size_t i = 0; i < values.size(); ++i)
            values_.push_back(values[i]);
    }
    void find(const IColumn & column, UInt8 * res) const override
    {
        for (size_t i = 0; i < column.size(); ++i)
        {
            Field v = column[i];
            res[i] = std::any_of(values_.begin(), values_.end(), [&](const Field & f) { return compareFields(f, v) == 0; });
        }
    }

private:
    std::vector<Field> values_;
};

/// Elements of the right side of IN: a tuple or array literal lists them, anything else is one value.
FieldVector setElements(const Field & value)
{
    if (const auto * t = value.tryGet<FieldTuple>())
        return t->values;
    if (const auto * a = value.tryGet<FieldArray>())
        return a->values;
    return {value};
}

/// Converts the set's elements to `type`, dropping NULLs and values that do not convert exactly
/// (300 into UInt8), as ClickHouse does when building a set.
ColumnPtr convertSetElements(const FieldVector & elements, const DataTypePtr & type)
{
    auto res = type->createColumn();
    for (const auto & element : elements)
    {
        if (element.isNull())
            continue;
        auto element_type = dataTypeOfField(element);
        auto one = element_type->createColumn();
        one->insert(element);
        ColumnPtr converted;
        try
        {
            converted = castColumn({std::move(one), element_type, ""}, type);
        }
        catch (const Exception &)
        {
            continue;
        }
        Field back = (*converted)[0];
        bool numeric =
            element.which() == Field::Which::UInt64 || element.which() == Field::Which::Int64 || element.which() == Field::Which::Float64;
        if (numeric && isNativeNumber(type->getTypeId()) && compareFields(back, element) != 0)
            continue;
        res->insertFrom(*converted, 0);
    }
    return res;
}

std::unique_ptr<InSet> buildSet(const ColumnPtr & values, const DataTypePtr & type)
{
    std::unique_ptr<InSet> res;
    dispatchPhysicalNumber(type->getTypeId(),
                           [&](auto tag) { res = std::make_unique<InSetNumbers<typename decltype(tag)::Type>>(*values); });
    if (res)
        return res;
    if (type->getTypeId() == TypeIndex::String)
        return std::make_unique<InSetStrings>(*values);
    return std::make_unique<InSetFields>(*values);
}

class FunctionIn final : public IFunction
{
public:
    explicit FunctionIn(bool negate)
        : negate_(negate)
    {
    }
    std::string getName() const override { return negate_ ? "notIn" : "in"; }
    size_t getNumberOfArguments() const override { return 2; }
    bool useDefaultImplementationForNulls() const override { return false; }
    std::vector<size_t> getArgumentsThatAreAlwaysConstant() const override { return {1}; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (!arguments[1].column || !arguments[1].column->isConst())
            throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT,
                            "Second argument of function " + getName() + " must be a constant set (a literal list or tuple)");
        return typeUInt8();
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        {
            std::lock_guard lock(mutex_);
            if (!set_type_ && arguments[1].type->getTypeId() == TypeIndex::Array)
                set_type_ = removeNullableType(arrayNestedType(arguments[1].type));
        }
        auto res = ColumnUInt8::create(rows);
        auto & out = res->getData();
        if (isNothing(*arguments[0].type))
        {
            std::fill(out.begin(), out.end(), 0);
            return res;
        }
        auto left = convertToFullColumnIfConst(arguments[0].column);
        auto type = removeNullableType(arguments[0].type);
        const PODArray<UInt8> * null_map = nullptr;
        if (const auto * n = dynamic_cast<const ColumnNullable *>(left.get()))
        {
            null_map = &n->getNullMapData();
            left = n->getNestedColumnPtr();
        }
        const InSet & set = getSet(*arguments[1].column, type);
        set.find(*left, out.data());
        if (negate_)
            for (auto & v : out)
                v = !v;
        if (null_map)
            for (size_t i = 0; i < rows; ++i)
                out[i] &= !(*null_map)[i];
        return res;
    }

private:
    const InSet & getSet(const IColumn & set_column, const DataTypePtr & type) const
    {
        std::lock_guard lock(mutex_);
        if (!set_ || set_type_name_ != type->getName())
        {
            ColumnPtr values;
            /// IN (SELECT ...) gives an Array of the subquery's column: use its values directly
            /// when they already have the left side's type.
            const IColumn & data = unwrapConst(set_column);
            if (const auto * array = dynamic_cast<const ColumnArray *>(&data); array && array->getData().size() > 16)
            {
                const IColumn * nested = &array->getData();
                ColumnPtr without_nulls;
                if (const auto * n = dynamic_cast<const ColumnNullable *>(nested))
                {
                    Filter keep(n->size());
                    for (size_t i = 0; i < n->size(); ++i)
                        keep[i] = !n->isNullAt(i);
                    without_nulls = n->getNestedColumn().filter(keep, 0);
                    nested = without_nulls.get();
                }
                auto probe = type->createColumn();
                if (typeid(*probe) == typeid(*nested) && set_type_.get() && set_type_->equals(*type))
                    values = without_nulls ? without_nulls : array->getDataPtr();
            }
            if (!values)
                values = convertSetElements(setElements(set_column[0]), type);
            set_ = buildSet(values, type);
            set_type_name_ = type->getName();
        }
        return *set_;
    }

    bool negate_;
    mutable std::mutex mutex_;
    mutable std::unique_ptr<InSet> set_;
    mutable std::string set_type_name_;
    /// Element type of an Array set argument (nullopt for tuples / scalars).
    mutable DataTypePtr set_type_;
};

} // namespace

void registerFunctionsIn(FunctionRegistry & registry)
{
    registry.add({"in", [] { return std::make_shared<FunctionIn>(false); },
                  "1 if the value is in the constant set (x IN (1, 2, 3)); NULL values are never in the set", "SELECT 2 IN (1, 2, 3)",
                  false, ""});
    registry.add({"notIn", [] { return std::make_shared<FunctionIn>(true); },
                  "1 if the value is not in the constant set (x NOT IN (1, 2, 3))", "SELECT 5 NOT IN (1, 2, 3)", false, ""});
    registry.addAlias("globalIn", "in");
    registry.addAlias("globalNotIn", "notIn");
}

} // namespace pipit
