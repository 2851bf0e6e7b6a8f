print("steadystate")
