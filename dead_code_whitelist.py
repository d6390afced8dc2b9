"""Names vulture cannot see being used: model fields, choices, form fields and
properties read by templates, Django settings, and attributes Django, Wagtail
and treebeard read by name. `make lint` runs vulture with this file; add a name
here only when something outside Python reads it (say what in the comment)."""

# ruff: noqa
school_title  # unused variable (ministry/imports.py:209)
_.status_label  # unused property (ministry/imports.py:215)
_.school_title  # unused attribute (ministry/imports.py:339)
consent  # unused variable (partners/forms.py:23)
_.max_length  # unused attribute (partners/forms.py:55)
answer  # unused variable (partners/forms.py:85)
city  # unused variable (partners/models.py:90)
native_language  # unused variable (partners/models.py:91): the partner templates read it
is_sample  # unused variable (partners/models.py:102)
FIRST_COHORT  # unused variable (partners/models.py:151)
TEACHER_TRAINING  # unused variable (partners/models.py:161)
STANDARDS  # unused variable (partners/models.py:162)
ENTERPRISE_TRAINING  # unused variable (partners/models.py:163)
agreement_document  # unused variable (partners/models.py:181)
recorded_at  # unused variable (partners/models.py:241)
recorded_by  # unused variable (partners/models.py:242)
school_mailed_at  # unused variable (partners/models.py:298)
confirmation_mailed_at  # unused variable (partners/models.py:299)
written_by  # unused variable (partners/models.py:325)
navigation  # unused function (portal/context_processors.py:10)
_.draft_title  # unused attribute (portal/demo/catalogue.py:163)
_.has_unpublished_changes  # unused attribute (portal/demo/catalogue.py:167)
_.numchild  # unused attribute (portal/demo/catalogue.py:184)
_.page_ptr_id  # unused attribute (portal/demo/catalogue.py:192)
_.direction  # unused property (portal/languages/__init__.py:65)
copy_view_enabled  # unused variable (portal/permissions.py:93)
_.root_page  # unused attribute (portal/site_tree.py:77)
application  # unused variable (portal/wsgi.py:9)
FACTS_BY_KEY  # unused variable (programmes/facts.py:87)
CENTRAL  # unused variable (programmes/models.py:31)
NARROW  # unused variable (programmes/models.py:70)
contact_department  # unused variable (programmes/models.py:201)
SHORT_COURSE  # unused variable (programmes/models.py:293)
STANDARD  # unused variable (programmes/models.py:295)
delivery_city  # unused variable (programmes/models.py:318)
scholarships  # unused variable (programmes/models.py): read by name by the programme page
duration_days  # unused variable (programmes/models.py): read by name by programmes.facts
fees_cover  # unused variable (programmes/models.py): read by name by the programme page and schema.org
entry_requirements  # unused variable (programmes/models.py): read by name by the programme page and schema.org
contact_role  # unused variable (programmes/models.py): read by name by the programme page
other_details  # unused variable (programmes/models.py): read by name by the programme page
caption  # unused variable (programmes/models.py): read by name by the programme page
_.delivered_in_china  # unused property (programmes/models.py:387)
programmes_running  # unused variable (programmes/models.py:498)
international_students  # unused variable (programmes/models.py:500)
teachers_sent_abroad  # unused variable (programmes/models.py:501)
foreign_teachers  # unused variable (programmes/models.py:502)
standards_developed  # unused variable (programmes/models.py:503)
enterprises_served  # unused variable (programmes/models.py:504)
updated_at  # unused variable (programmes/models.py:513)
YearlyReportEvidence  # unused class (programmes/models.py:542)
_.initial  # unused attribute (programmes/yearly_report_admin.py:42)
_.save_m2m  # unused attribute (programmes/yearly_report_admin.py:68)
_._faceted_search  # unused attribute (search/engines/elasticsearch.py:61)
doc_types  # unused variable (search/engines/elasticsearch_documents.py:129)
dropped  # unused variable (search/parameters.py:43)
_.start_index  # unused property (search/results.py:57)
db  # unused variable (tests/conftest.py:12)
django_db_setup  # unused variable (tests/conftest.py:18)
abstract  # unused variable (tests/factories.py:46)
django_get_or_create  # unused variable (tests/factories.py:143)
module_db  # unused variable (tests/ministry/test_dashboard.py:71)
_.EMAIL_BACKEND  # unused attribute (tests/partners/test_enquiries.py:101)
_.EMAIL_HOST  # unused attribute (tests/partners/test_enquiries.py:110)
_.EMAIL_PORT  # unused attribute (tests/partners/test_enquiries.py:110)
_.EMAIL_TIMEOUT  # unused attribute (tests/partners/test_enquiries.py:110)
_.slug_fr  # unused attribute (tests/portal/test_languages.py:75)
mecanique  # unused variable (tests/search/test_catalogue.py:43)
_.locked  # unused attribute (tests/search/test_catalogue_version.py:62)
_.ALLOWED_HOSTS  # a Django setting, set by tests
_.ALLOWED_HOSTS  # Django setting, changed by a test fixture (tests/portal/test_seo.py)
_.sort_order  # unused attribute (portal/demo/catalogue.py): Orderable's column, set before bulk_create
cacheable_csrf_token  # unused function (portal/context_processors.py): TEMPLATES' context_processors name it
_.WAGTAILFRONTENDCACHE  # unused attribute (tests/portal/test_page_cache.py): Wagtail's frontend cache reads the setting
_.WAGTAILFRONTENDCACHE_LANGUAGES  # unused attribute (tests/portal/test_page_cache.py): read by the frontend cache app
WAGTAIL_WORDS  # unused variable (portal/languages/wagtail_words.py): read by `make messages` (xgettext), not by code
WAGTAIL_PLURAL_WORDS  # unused variable (portal/languages/wagtail_words.py): read by `make messages` (xgettext)
is_foreign  # a column kept in step by PartnerPage.save(), read through ORM lookups (partners/models.py)
_.is_foreign  # the same, set by save()
_.start_iso  # read by the school and partner page templates (partners/models.py)
_.opening_iso  # read by the programme page template (programmes/models.py)
PLANNED  # a ProgrammeStatus choice (programmes/models.py)
UNDER_CONSTRUCTION  # a ProgrammeStatus choice (programmes/models.py)
_.add_to_settings_menu  # Wagtail ModelViewSet option (search/wagtail_hooks.py)
_.form_fields  # Wagtail ModelViewSet option (search/wagtail_hooks.py)
chosen_by  # model field (programmes/models.py ImportColumnAlias): who chose a column heading, kept as a record
chosen_at  # model field (programmes/models.py ImportColumnAlias): when
PortalMediaStorage  # the default storage, named in STORAGES (portal/settings/base.py)
mail_claimed_until  # unused variable (partners/models.py): written and read through querysets in partners/mail.py
send_due_mail_task  # unused function (partners/tasks.py): huey's consumer runs periodic tasks
delete_expired_rate_counters_task  # unused function (partners/tasks.py): huey's consumer runs periodic tasks
_.send_mail  # unused method (portal/tasks.py): Django's PasswordResetForm.save calls it
_.immediate  # unused attribute (tests/partners/mail_queue.py): huey's setter swaps its storage
SlowFileBackend  # unused class (tests/partners/worker_process.py): named by EMAIL_BACKEND in tests/partners/worker_settings.py
EMAIL_FILE_PATH  # unused variable (tests/partners/worker_settings.py): Django's file mail backend reads it
submitted_at  # dataclass field read by ministry/templates/ministry/dashboard/moderation_panel.html
is_new  # the same
compare_url  # the same
_.compare_url  # the same, set in ministry/moderation.py submissions()

_.process_view  # unused method (portal/middleware.py): Django calls a middleware's process_view
_._wagtail_site  # unused attribute (portal/middleware.py): Wagtail's Site.find_for_request reads it
_.private_q  # unused method (portal/page_access.py): Wagtail's PageQuerySet.public() calls it

_.get_aggregation  # elasticsearch-dsl's FacetedSearch calls it (search/engines/elasticsearch_documents.py StartsSoonFacet)
_.add_filter  # the same
_.get_values  # the same, through FacetedResponse.facets
_.former_name_list  # read by the school page template (programmes/models.py SchoolPage)
import_list  # unused variable (programmes/models.py:393): the imports filter remembered headings on it by name
B  # unused variable (programmes/models.py RecognitionTier): a choice editors pick
C  # unused variable (programmes/models.py RecognitionTier): a choice editors pick
_.major_group_languages  # read by the school page template (programmes/models.py SchoolRecognition, BatchRecognition)
_.outcome_error  # called by name: ListImportCommand.outcome() (ministry/management/import_command.py) looks up outcome_<action>
_.outcome_duplicate  # the same
_.outcome_create  # the same
_.outcome_skip  # the same (import_register)
_.other_chinese_school_names  # read by the programme page template (programmes/models.py ProgrammePage)
kept_fragment  # a template tag ({% kept_fragment %}, portal/templatetags/portal_tags.py): the base layout and page templates use it
_._result_cache  # Django's QuerySet reads it: an empty queryset known to be empty (portal/routing.py)
_write_policies_again  # unused function (portal/security.py): a setting_changed receiver
