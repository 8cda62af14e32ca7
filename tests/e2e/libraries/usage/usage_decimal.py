"""shopspring/decimal as its README shows it: prices, quantities, a fee."""

from libs import decimal

price = decimal.NewFromString("136.02")
quantity = decimal.NewFromInt(3)
fee = decimal.NewFromFloat(0.035)
tax_rate = decimal.NewFromString(".08875")
subtotal = price.Mul(quantity)
pre_tax = subtotal.Mul(fee.Add(decimal.NewFromFloat(1)))
total = pre_tax.Mul(tax_rate.Add(decimal.NewFromFloat(1)))
text: str = total.StringFixed(2)
bigger: bool = total.GreaterThan(subtotal)
