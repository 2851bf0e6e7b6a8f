resource "terraform_data" "broken" {
  input = [1, 2
}
