#pragma once

#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionCast.h"

namespace pipit
{

/// The shape "String -> String, row by row" shared by URL and string functions. Impl provides
/// `static constexpr const char * name` and `static void apply(std::string_view in, ColumnString::Chars & out)`,
/// which appends the row's result to `out`. FixedString arguments are read as String.
template <typename Impl>
class FunctionStringTransform final : public IFunction
{
public:
    std::string getName() const override { return Impl::name; }
    size_t getNumberOfArguments() const override { return 1; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (!isStringOrFixedString(arguments[0].type->getTypeId()))
            throwIllegalType(arguments, 0);
        return typeString();
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        ColumnPtr holder = arguments[0].type->getTypeId() == TypeIndex::String ? arguments[0].column : castColumn(arguments[0], typeString());
        StringArgument in(*holder);
        auto res = ColumnString::create();
        auto & chars = res->getChars();
        auto & offsets = res->getOffsets();
        offsets.resize(rows);
        if (const auto * column = in.column())
            chars.reserve(column->getChars().size());
        for (size_t i = 0; i < rows; ++i)
        {
            Impl::apply(in[i], chars);
            offsets[i] = chars.size();
        }
        return res;
    }
};

/// Appends a string_view to a chars buffer.
inline void appendChars(ColumnString::Chars & out, std::string_view s)
{
    out.insert(out.end(), s.data(), s.data() + s.size());
}

} // namespace pipit
