module org.hakmem.box.externalguard { requires org.hakmem.api; }
