from . import test_document_heading
