"""Who may do what here, on top of services.roles (which runs first on every migrate):

- 数据管理员: everything (explainers, questions, answers);
- 部门管理员: see and answer the questions about their own department's matters (the admin
  scopes the rows with services.roles.department_id); read the explainers.
"""

from services.roles import DATA_OFFICE, DEPARTMENT_MANAGER, department_id, grant, is_data_office

DEPARTMENT_GRANTS = ["view_question", "change_question", "view_policy", "view_policyimage"]


def grant_roles():
    grant(DATA_OFFICE, "outreach")
    grant(DEPARTMENT_MANAGER, "outreach", DEPARTMENT_GRANTS)


def answerable_questions(user, queryset):
    """The questions `user` may read and answer: all for the data office, else their department's."""
    if is_data_office(user):
        return queryset
    department = department_id(user)
    if department is None:
        return queryset.none()
    return queryset.filter(matter__department_id=department)


def can_answer(user, question):
    if is_data_office(user):
        return True
    department = department_id(user)
    return department is not None and question.matter.department_id == department
