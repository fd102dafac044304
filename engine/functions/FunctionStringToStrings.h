#pragma once

#include "engine/columns/ColumnArray.h"
#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionCast.h"

namespace pipit
{

/// The shape "String -> Array(String), row by row" (URLHierarchy, extractURLParameters, ...). Impl
/// provides `static constexpr const char * name` and
/// `template <typename Emit> static void tokens(std::string_view in, Emit && emit)` calling
/// emit(std::string_view) once per element.
template <typename Impl>
class FunctionStringToStrings final : public IFunction
{
public:
    std::string getName() const override { return Impl::name; }
    size_t getNumberOfArguments() const override { return 1; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (!isStringOrFixedString(arguments[0].type->getTypeId()))
            throwIllegalType(arguments, 0);
        return typeByName("Array(String)");
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        ColumnPtr holder = arguments[0].type->getTypeId() == TypeIndex::String ? arguments[0].column : castColumn(arguments[0], typeString());
        StringArgument in(*holder);
        auto strings = ColumnString::create();
        auto offsets = ColumnUInt64::create(rows);
        auto & offs = offsets->getData();
        for (size_t i = 0; i < rows; ++i)
        {
            Impl::tokens(in[i], [&](std::string_view token) { strings->insertValue(token); });
            offs[i] = strings->size();
        }
        return ColumnArray::create(std::move(strings), std::move(offsets));
    }
};

} // namespace pipit
