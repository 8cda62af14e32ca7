"""go-playground/validator as its README shows it: New with options, Var, a custom tag."""

from libs import validator

validate = validator.New(validator.WithRequiredStructEnabled())
validate.Var("joeybloggs@gmail.com", "required,email")
validate.RegisterValidation("is-awesome", lambda level: level.Param() == "yes")
problems = validate.ValidateMap({"name": "x"}, {"name": "required,min=2"})
